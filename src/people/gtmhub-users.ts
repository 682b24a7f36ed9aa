/**
 * The Gtmhub account's users (id, name, email), read in the background and shared by everybody:
 * owners are named from it and matched to Slack members by email. When Gtmhub refuses the read
 * (403: the token's user may not list users), the directory is empty and says so; owners then show
 * as Gtmhub ids, and the log says why once, not on every refresh.
 */
import { GtmhubForbiddenError } from '../gtmhub/errors.js';
import type { Logger } from '../log.js';
import { BackgroundList, type Loaded } from './background-list.js';
import type { GtmhubPeopleSource, GtmhubPerson } from './ports.js';

export type GtmhubUsersState =
  | { status: 'loaded'; users: readonly GtmhubPerson[]; byId: ReadonlyMap<string, GtmhubPerson> }
  /** Gtmhub answered 403 to the users list. */
  | { status: 'forbidden'; users: readonly GtmhubPerson[]; byId: ReadonlyMap<string, GtmhubPerson> };

export interface GtmhubUserDirectoryOptions {
  source: GtmhubPeopleSource;
  logger: Logger;
  maxAgeMs?: number;
  now?: () => number;
}

export const GTMHUB_USERS_FORBIDDEN_LOG =
  'Gtmhub refused to list its users (403: the API token’s user may not list users), so KPI owners show as Gtmhub user ids and are not matched to Slack people by email; manual links (/kpi link) still work. Use a token of a Gtmhub user allowed to see the account’s users to turn this on.';

export class GtmhubUserDirectory {
  readonly #list: BackgroundList<GtmhubUsersState>;
  #saidForbidden = false;

  constructor(private readonly options: GtmhubUserDirectoryOptions) {
    const { logger, maxAgeMs, now } = options;
    this.#list = new BackgroundList({ name: 'Gtmhub users', load: () => this.#load(), logger, maxAgeMs, now });
  }

  /** What was last read, never waiting (undefined before the first load ends). */
  peek(): Loaded<GtmhubUsersState> | undefined {
    return this.#list.peek();
  }

  /** Reads the list now (start-up warm-up and tests); concurrent callers share one read. */
  refresh(): Promise<Loaded<GtmhubUsersState>> {
    return this.#list.refresh();
  }

  async #load(): Promise<GtmhubUsersState> {
    try {
      const users = await this.options.source.listAllUsers();
      if (this.#saidForbidden) this.options.logger.info('Gtmhub lists its users again: KPI owners are matched to Slack people by email');
      this.#saidForbidden = false;
      // Counts only: emails are personal data and never reach a log line.
      this.options.logger.info('Gtmhub users loaded', { users: users.length });
      return { status: 'loaded', users, byId: new Map(users.map((u) => [u.id, u] as const)) };
    } catch (error) {
      if (!(error instanceof GtmhubForbiddenError)) throw error;
      if (!this.#saidForbidden) this.options.logger.warn(GTMHUB_USERS_FORBIDDEN_LOG, { status: error.status });
      this.#saidForbidden = true;
      return { status: 'forbidden', users: [], byId: new Map() };
    }
  }
}
