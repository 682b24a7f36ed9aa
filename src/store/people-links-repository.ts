/**
 * Manual links between Slack members and Gtmhub users, per workspace (`/kpi link`, `/kpi unlink`):
 * the store behind the people domain's `PeopleLinksStore`. Stores, never decides: whether the
 * admin may link, and what to say, is the caller's.
 *
 * The table is added by migration 0007 (`migrations/<dialect>/0007_people_links.ts`). Its row type
 * is declared here and added to the store's `Database` with Kysely's `withTables`, so that this
 * file adds a table without editing `schema.ts`; it can move there later.
 */
import type { Kysely } from 'kysely';
import type { LinkOutcome, PeopleLink, PeopleLinksStore } from '../people/ports.js';
import { fromStoredInstant, toStoredInstant, type StoredInstant } from './instant.js';
import type { Database } from './schema.js';

/** One manual link; (team_id, slack_user_id) is the key and (team_id, gtmhub_user_id) is unique (0007). */
export interface PeopleLinksTable {
  team_id: string;
  slack_user_id: string;
  gtmhub_user_id: string;
  created_by: string;
  created_at: StoredInstant;
}

type WithPeopleLinks = { people_links: PeopleLinksTable };

export interface PeopleLinksRepositoryOptions {
  now?: () => Date;
}

export class PeopleLinksRepository implements PeopleLinksStore {
  readonly #db: Kysely<Database & WithPeopleLinks>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: PeopleLinksRepositoryOptions = {}) {
    this.#db = db.withTables<WithPeopleLinks>();
    this.#now = options.now ?? (() => new Date());
  }

  async listLinks(teamId: string): Promise<PeopleLink[]> {
    const rows = await this.#db.selectFrom('people_links').selectAll().where('team_id', '=', teamId).orderBy('slack_user_id').execute();
    return rows.map(linkOf);
  }

  async linkOf(teamId: string, slackUserId: string): Promise<PeopleLink | undefined> {
    const row = await this.#db.selectFrom('people_links').selectAll().where('team_id', '=', teamId).where('slack_user_id', '=', slackUserId).executeTakeFirst();
    return row ? linkOf(row) : undefined;
  }

  /**
   * Links `slackUserId` to `gtmhubUserId`, replacing the member's previous link. Refused, with who
   * holds it, when the Gtmhub user is linked to someone else. Two admins linking at once: the
   * unique constraints decide, and the loser reads the winner's link.
   */
  async link(input: { teamId: string; slackUserId: string; gtmhubUserId: string; createdBy: string }): Promise<LinkOutcome> {
    const row: PeopleLinksTable = {
      team_id: input.teamId,
      slack_user_id: input.slackUserId,
      gtmhub_user_id: input.gtmhubUserId,
      created_by: input.createdBy,
      created_at: toStoredInstant(this.#now()),
    };
    try {
      return await this.#db.transaction().execute(async (tx) => {
        const holder = await tx.selectFrom('people_links').selectAll().where('team_id', '=', input.teamId).where('gtmhub_user_id', '=', input.gtmhubUserId).executeTakeFirst();
        if (holder && holder.slack_user_id === input.slackUserId) return { status: 'unchanged', link: linkOf(holder) } as const;
        if (holder) return { status: 'gtmhub_user_taken', by: linkOf(holder) } as const;
        const previous = await tx
          .deleteFrom('people_links')
          .where('team_id', '=', input.teamId)
          .where('slack_user_id', '=', input.slackUserId)
          .returning('gtmhub_user_id')
          .executeTakeFirst();
        await tx.insertInto('people_links').values(row).execute();
        return { status: 'linked', link: linkOf(row), replaced: previous?.gtmhub_user_id } as const;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const holder = await this.#db.selectFrom('people_links').selectAll().where('team_id', '=', input.teamId).where('gtmhub_user_id', '=', input.gtmhubUserId).executeTakeFirst();
      if (holder && holder.slack_user_id !== input.slackUserId) return { status: 'gtmhub_user_taken', by: linkOf(holder) };
      const mine = await this.linkOf(input.teamId, input.slackUserId);
      if (mine) return mine.gtmhubUserId === input.gtmhubUserId ? { status: 'unchanged', link: mine } : { status: 'linked', link: mine, replaced: undefined };
      throw error;
    }
  }

  /** Removes the member's link; the removed link, or undefined when there was none. */
  async unlink(teamId: string, slackUserId: string): Promise<PeopleLink | undefined> {
    const row = await this.#db.deleteFrom('people_links').where('team_id', '=', teamId).where('slack_user_id', '=', slackUserId).returningAll().executeTakeFirst();
    return row ? linkOf(row) : undefined;
  }
}

function linkOf(row: PeopleLinksTable): PeopleLink {
  return { teamId: row.team_id, slackUserId: row.slack_user_id, gtmhubUserId: row.gtmhub_user_id, createdBy: row.created_by, createdAt: fromStoredInstant(row.created_at) };
}

/** PostgreSQL's unique_violation, SQLite's UNIQUE / PRIMARY KEY constraint failures. */
function isUniqueViolation(error: unknown): boolean {
  const code: unknown = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
