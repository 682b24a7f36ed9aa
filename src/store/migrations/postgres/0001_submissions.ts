/**
 * Submissions, PostgreSQL flavour. Migrations are frozen in time: they use `Kysely<any>`, not the
 * current `Database` type, so a later change to `schema.ts` cannot change what this one does.
 *
 * Instants are ISO text like in SQLite (see `instant.ts`); `collate "C"` makes their order
 * byte order, hence chronological, whatever locale the database was created with.
 * No CHECK on `status`/`source`, to keep the two dialects' tables alike (SQLite cannot alter one).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const byteOrder = sql`collate "C"`;
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('kpi_name', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('value', 'double precision', (col) => col.notNull())
    .addColumn('raw_input', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addColumn('previous_value', 'double precision')
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addColumn('completed_at', 'text', (col) => col.modifyFront(byteOrder))
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
