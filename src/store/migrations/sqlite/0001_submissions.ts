/**
 * Submissions, SQLite flavour. Migrations are frozen in time: they use `Kysely<any>`, not the
 * current `Database` type, so a later change to `schema.ts` cannot change what this one does.
 *
 * No CHECK on `status`/`source`: SQLite cannot change a CHECK without rebuilding the table, and
 * the TypeScript unions already guard what the repository writes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('kpi_name', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('value', 'real', (col) => col.notNull())
    .addColumn('raw_input', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addColumn('previous_value', 'real')
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .execute();

  await db.schema
    .createIndex('submissions_team_user_created_idx')
    .on('submissions')
    .columns(['team_id', 'user_id', 'created_at'])
    .execute();

  // The sweeper asks for old pending rows; without this it would scan the whole table.
  await db.schema.createIndex('submissions_status_created_idx').on('submissions').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submissions').execute();
}
