/**
 * A check-in DM that stands for several reminders (due for one person at one slot, merged into one
 * DM) remembers the others, so that the DM still names who set each up and where when it is updated
 * later. Frozen in time: `Kysely<any>`.
 * - `checkin_dms.merged_from`: JSON array of the other reminders' ids, or null.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_dms').addColumn('merged_from', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_dms').dropColumn('merged_from').execute();
}
