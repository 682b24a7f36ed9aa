/**
 * Favorite KPI groups per Slack user, SQLite flavour. Frozen in time: `Kysely<any>`, not `Database`.
 *
 * One row per (team, user, group), kept when a group is unfavorited: the row carries the desired
 * state (`favorite`, 0/1 as in both dialects), its `version` (bumped by every toggle), and the state
 * of its mirror to Gtmhub, so a late answer for an older version can never overwrite a newer one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('favorite_groups')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('group_id', 'text', (col) => col.notNull())
    .addColumn('favorite', 'integer', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('mirror_status', 'text', (col) => col.notNull())
    .addColumn('mirrored_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('mirror_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('mirror_error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('favorite_groups_pk', ['team_id', 'user_id', 'group_id'])
    .execute();

  // The retry loop asks for pending mirrors that are due.
  await db.schema.createIndex('favorite_groups_mirror_due_idx').on('favorite_groups').columns(['mirror_status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('favorite_groups').execute();
}
