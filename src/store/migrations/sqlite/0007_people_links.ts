/**
 * Manual links between Slack members and Gtmhub users (`/kpi link`), SQLite flavour. Frozen in time:
 * `Kysely<any>`. One link per Slack member and one per Gtmhub user in a workspace: a person is one
 * Gtmhub user, and a Gtmhub owner is mentioned as one person. No email is stored: links are by id.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people_links')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('gtmhub_user_id', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('people_links_pk', ['team_id', 'slack_user_id'])
    .addUniqueConstraint('people_links_gtmhub_user_unique', ['team_id', 'gtmhub_user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('people_links').execute();
}
