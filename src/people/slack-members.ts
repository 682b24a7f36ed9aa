/**
 * The Slack workspace's members with their profile emails, read in the background through the
 * `SlackMemberSource` port (all pages of `users.list`), never one lookup per person. Turned off when
 * the install lacks the scope (`enabled: false`, from src/slack/scopes.ts): then it never calls Slack
 * and the matching sees no member. A refusal (`PeopleSourceRefusedError`, e.g. `missing_scope`
 * after a scope was removed) is logged once and treated as off until it reads again.
 */
import type { Logger } from '../log.js';
import { BackgroundList, type Loaded } from './background-list.js';
import { PeopleSourceRefusedError } from './errors.js';
import type { SlackMember, SlackMemberSource } from './ports.js';

/** A workspace of 100,000 members is 500 pages of 200; more than this is a cursor that never ends. */
export const MAX_MEMBER_PAGES = 1_000;

export type SlackMembersState =
  | { status: 'loaded'; members: readonly SlackMember[] }
  | { status: 'off'; members: readonly SlackMember[] };

export interface SlackMemberDirectoryOptions {
  source: SlackMemberSource;
  logger: Logger;
  /** False when the install lacks `users:read.email` (see `featuresOff` in src/slack/scopes.ts). Default true. */
  enabled?: boolean;
  /**
   * Asked before each read, e.g. whether the install's scopes allow it (read once at start, see
   * src/slack/scopes.ts); false: no call to Slack, and the directory is off until the next read.
   */
  allowed?: () => Promise<boolean>;
  maxAgeMs?: number;
  now?: () => number;
}

const OFF: Loaded<SlackMembersState> = { value: { status: 'off', members: [] }, loadedAt: 0 };

export class SlackMemberDirectory {
  readonly #list: BackgroundList<SlackMembersState>;
  #saidRefused = false;

  constructor(private readonly options: SlackMemberDirectoryOptions) {
    const { logger, maxAgeMs, now } = options;
    this.#list = new BackgroundList({ name: 'Slack members', load: () => this.#load(), logger, maxAgeMs, now });
  }

  get enabled(): boolean {
    return this.options.enabled ?? true;
  }

  /** What was last read, never waiting (undefined before the first load ends; `off` when disabled). */
  peek(): Loaded<SlackMembersState> | undefined {
    return this.enabled ? this.#list.peek() : OFF;
  }

  /** Reads every page now; concurrent callers share one read. */
  refresh(): Promise<Loaded<SlackMembersState>> {
    return this.enabled ? this.#list.refresh() : Promise.resolve(OFF);
  }

  async #load(): Promise<SlackMembersState> {
    if (this.options.allowed && !(await this.options.allowed())) return OFF.value;
    try {
      const members = await readAllMembers(this.options.source);
      this.#saidRefused = false;
      this.options.logger.info('Slack members loaded', { members: members.length });
      return { status: 'loaded', members };
    } catch (error) {
      if (!(error instanceof PeopleSourceRefusedError)) throw error;
      if (!this.#saidRefused) this.options.logger.warn(error.reason);
      this.#saidRefused = true;
      return { status: 'off', members: [] };
    }
  }
}

/** Every page, each member once (a member repeated across pages keeps its last state). */
export async function readAllMembers(source: SlackMemberSource): Promise<SlackMember[]> {
  const members = new Map<string, SlackMember>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
    const answer = await source.listMembers(cursor);
    for (const member of answer.members) members.set(member.id, member);
    if (!answer.nextCursor) return [...members.values()];
    cursor = answer.nextCursor;
  }
  throw new Error(`Slack's member list did not end after ${MAX_MEMBER_PAGES} pages; its cursor may repeat`);
}
