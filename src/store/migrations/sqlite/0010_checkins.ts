/**
 * Weekly check-ins, SQLite flavour. Frozen in time: `Kysely<any>`.
 * - `checkin_reminders`: a channel's reminder (`/kpi remind`), or a person's own check-in
 *   (`/kpi remind me`, `personal_for` set);
 * - `checkin_schedules`: each (reminder, person)'s next slot in that person's zone (the due query);
 * - `checkin_dms`: the DM of one (reminder, person, period): its ts for chat.update, its KPIs, a snooze;
 * - `checkin_skips`: *Not this week* per person, KPI and period;
 * - `checkin_optouts`: people who turned reminder DMs off (`/kpi remind off`).
 * Instants are ISO text, whose order is chronological (see `instant.ts`).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checkin_reminders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('personal_for', 'text')
    .addColumn('selection', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('time', 'text', (col) => col.notNull())
    .addColumn('zone', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('checkin_reminders_channel_idx').on('checkin_reminders').columns(['team_id', 'channel_id']).execute();

  await db.schema
    .createTable('checkin_schedules')
    .addColumn('reminder_id', 'text', (col) => col.notNull().references('checkin_reminders.id').onDelete('cascade'))
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('zone', 'text', (col) => col.notNull())
    .addColumn('next_run_at', 'text', (col) => col.notNull())
    .addColumn('consecutive_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('checkin_schedules_pk', ['reminder_id', 'slack_user_id'])
    .execute();
  await db.schema.createIndex('checkin_schedules_due_idx').on('checkin_schedules').columns(['next_run_at']).execute();

  await db.schema
    .createTable('checkin_dms')
    .addColumn('reminder_id', 'text', (col) => col.notNull().references('checkin_reminders.id').onDelete('cascade'))
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('message_ts', 'text', (col) => col.notNull())
    .addColumn('kpi_ids', 'text', (col) => col.notNull())
    .addColumn('snooze_until', 'text', (col) => col)
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('checkin_dms_pk', ['reminder_id', 'slack_user_id', 'period'])
    .execute();
  // "Which open DMs show this KPI to this person" when a value is recorded.
  await db.schema.createIndex('checkin_dms_person_idx').on('checkin_dms').columns(['team_id', 'slack_user_id', 'period']).execute();

  await db.schema
    .createTable('checkin_skips')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('checkin_skips_pk', ['team_id', 'slack_user_id', 'kpi_id', 'period'])
    .execute();

  await db.schema
    .createTable('checkin_optouts')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('checkin_optouts_pk', ['team_id', 'slack_user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['checkin_optouts', 'checkin_skips', 'checkin_dms', 'checkin_schedules', 'checkin_reminders']) await db.schema.dropTable(table).execute();
}
