/**
 * Alert rules, SQLite flavour: what a rule watches (`target_kind`/`target_id`, so
 * the Slack trigger finds the rules of one KPI by index), its condition (JSON), its edge state per
 * KPI (JSON, compare-and-set on `state_version`), and `next_poll_at`, the poll's due column.
 * Posts are claimed in `scheduled_deliveries` (kind `alert`). Frozen in time: `Kysely<any>`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('personal', 'integer', (col) => col.notNull())
    .addColumn('owner_user_id', 'text', (col) => col.notNull())
    .addColumn('target_kind', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    .addColumn('zone', 'text', (col) => col.notNull())
    .addColumn('condition', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('paused_reason', 'text')
    .addColumn('muted_until', 'text')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('state_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'text', (col) => col.notNull())
    .addColumn('consecutive_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  // The poll's question: which active rules are due.
  await db.schema.createIndex('alert_rules_due_idx').on('alert_rules').columns(['status', 'next_poll_at']).execute();
  await db.schema.createIndex('alert_rules_channel_idx').on('alert_rules').columns(['team_id', 'channel_id']).execute();
  // The Slack trigger's question: which rules watch this KPI.
  await db.schema.createIndex('alert_rules_target_idx').on('alert_rules').columns(['team_id', 'target_kind', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_rules').execute();
}
