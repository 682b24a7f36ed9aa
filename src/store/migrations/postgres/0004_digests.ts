/**
 * Weekly digests, PostgreSQL flavour: subscriptions (what to post where and when) and deliveries
 * (one row per subscription and period: the exactly-once claim). Frozen in time: `Kysely<any>`.
 *
 * Booleans are `integer` 0/1 as in SQLite, so a row reads back the same from either dialect.
 * Instants are ISO text with `collate "C"` so that their order is chronological (see `instant.ts`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const byteOrder = sql`collate "C"`;
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('owner_user_id', 'text', (col) => col.notNull())
    .addColumn('selection', 'text', (col) => col.notNull())
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('time', 'text', (col) => col.notNull())
    .addColumn('zone', 'text', (col) => col.notNull())
    .addColumn('skip_when_unchanged', 'integer', (col) => col.notNull())
    .addColumn('list_not_updated', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('paused_reason', 'text')
    .addColumn('next_run_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addColumn('consecutive_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addColumn('updated_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .execute();

  // The heartbeat's question every minute: which active subscriptions are due.
  await db.schema.createIndex('digest_subscriptions_due_idx').on('digest_subscriptions').columns(['status', 'next_run_at']).execute();
  await db.schema.createIndex('digest_subscriptions_channel_idx').on('digest_subscriptions').columns(['team_id', 'channel_id']).execute();

  await db.schema
    .createTable('digest_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('subscription_id', 'text', (col) => col.notNull().references('digest_subscriptions.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    // `schedule` (the weekly slot) or `manual` (Send now): one of each per period at most.
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('parts_posted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sent_at', 'text', (col) => col.modifyFront(byteOrder))
    // The claim: whoever inserts this row first delivers that period.
    .addUniqueConstraint('digest_deliveries_claim_key', ['subscription_id', 'period', 'trigger'])
    .execute();

  // Recovery looks for claims left `sending` by a crash.
  await db.schema.createIndex('digest_deliveries_status_claimed_idx').on('digest_deliveries').columns(['status', 'claimed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_deliveries').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
}
