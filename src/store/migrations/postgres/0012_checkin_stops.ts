/**
 * *Stop reminders from #channel*, PostgreSQL flavour. Frozen in time: `Kysely<any>`.
 * - `checkin_stops`: a person who stopped one reminder's DMs (the others, and their own, go on).
 *   Kept apart from the schedules, which are rebuilt from the KPIs' owners.
 * Instants are ISO text with `collate "C"` so that their order is chronological (see `instant.ts`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const byteOrder = sql`collate "C"`;
  await db.schema
    .createTable('checkin_stops')
    .addColumn('reminder_id', 'text', (col) => col.notNull().references('checkin_reminders.id').onDelete('cascade'))
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addPrimaryKeyConstraint('checkin_stops_pk', ['reminder_id', 'slack_user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin_stops').execute();
}
