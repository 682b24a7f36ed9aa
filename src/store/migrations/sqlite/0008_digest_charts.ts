/**
 * Digests carry a chart of their KPIs unless the subscription turns it off (the digest form's
 * checkbox): on for every subscription, old and new. Frozen in time: `Kysely<any>`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest_subscriptions').addColumn('include_chart', 'integer', (col) => col.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest_subscriptions').dropColumn('include_chart').execute();
}
