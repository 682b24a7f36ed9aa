/**
 * The alerts' outbox, SQLite flavour: one row per firing (rule, KPI, period, crossing), written in
 * the same transaction as the rule's new edge state, so a crash after the state was saved cannot
 * lose the alert. The id is the firing's claim key (a second insert of the same firing is a no-op);
 * `status` is `pending` until the scheduling core settled its post (`done`). Frozen in time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_firings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('crossing', 'integer', (col) => col.notNull())
    .addColumn('value', 'real')
    .addColumn('previous', 'real')
    .addColumn('recorded_at', 'text')
    .addColumn('detected_at', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
  // The kind's due query: pending firings, oldest first.
  await db.schema.createIndex('alert_firings_due_idx').on('alert_firings').columns(['status', 'detected_at']).execute();
  await db.schema.createIndex('alert_firings_rule_idx').on('alert_firings').columns(['rule_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_firings').execute();
}
