/**
 * Who a KPI owner is in Slack, and who a Slack user is in Gtmhub: the one place the views, the KPI
 * form, the digests and `/kpi whoami|mine` ask. It answers from what the directories last read
 * (never waiting for Gtmhub or Slack) and the workspace's links (a short-lived cache over the store).
 *
 * For a Gtmhub user id the answer is, best first: the Slack member (linked by hand, or the same
 * email), else the Gtmhub name, else the raw id, which only shows when Gtmhub's users are unknown
 * (not loaded yet, or Gtmhub refused the list) or the id is not among them.
 */
import type { GtmhubUserDirectory } from './gtmhub-users.js';
import { LinksCache } from './links-cache.js';
import { matchPeople, type MatchedBy, type NoMatchReason, type PeopleMatches } from './matching.js';
import { comparableEmail } from './matching.js';
import type { GtmhubPerson, LinkOutcome, PeopleLink, PeopleLinksStore, SlackMember } from './ports.js';
import type { SlackMemberDirectory } from './slack-members.js';

/** How to show one owner. */
export type OwnerAnswer =
  | { kind: 'slack'; gtmhubUserId: string; slackUserId: string; matchedBy: MatchedBy; name: string | undefined }
  | { kind: 'gtmhub_name'; gtmhubUserId: string; name: string }
  | { kind: 'id'; gtmhubUserId: string };

/** Why the Gtmhub side may be unknown: not read yet, or refused (403). */
export type GtmhubUsersStatus = 'loading' | 'loaded' | 'forbidden';
export type SlackMembersStatus = 'loading' | 'loaded' | 'off';

/** Who a Slack user is in Gtmhub (`/kpi whoami`, `/kpi mine`, the KPI form's people picker). */
export type GtmhubUserAnswer =
  | { found: true; gtmhubUserId: string; matchedBy: MatchedBy; name: string | undefined }
  | { found: false; reason: NoMatchReason | 'gtmhub_users_unknown' };

/** One consistent answer for a workspace: synchronous, so views can call it per owner. */
export interface PeopleView {
  ownerOf(gtmhubUserId: string): OwnerAnswer;
  gtmhubUserOf(slackUserId: string): GtmhubUserAnswer;
  /** Whether any Slack member has a Gtmhub user: without one, a people picker could only fail. */
  readonly knowsSlackUsers: boolean;
  readonly gtmhubUsers: GtmhubUsersStatus;
  readonly slackMembers: SlackMembersStatus;
}

/**
 * What an admin typed in `/kpi link` (an email or a Gtmhub user id), as a Gtmhub user. An id is taken
 * unchecked (`checked: false`) only when Gtmhub's users are unknown (not read yet, or Gtmhub refuses
 * the list): the admin may know an id kpibot cannot see.
 */
export type GtmhubUserLookup =
  | { found: true; gtmhubUserId: string; name: string | undefined; checked: boolean }
  | { found: false; reason: 'empty' | 'malformed' | 'no_user_with_email' | 'email_shared_in_gtmhub' | 'no_user_with_id' | 'emails_unknown' };

/** Gtmhub user ids as the KPI form accepts them (kpi-form.ts `GTMHUB_USER_ID`). */
const GTMHUB_USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Something@somewhere, without spaces or angle brackets. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

export interface PeopleOptions {
  gtmhubUsers: GtmhubUserDirectory;
  slackMembers: SlackMemberDirectory;
  links: PeopleLinksStore;
  now?: () => number;
  linksMaxAgeMs?: number;
}

interface Inputs {
  gtmhub: readonly GtmhubPerson[] | undefined;
  slack: readonly SlackMember[] | undefined;
  links: readonly PeopleLink[];
}

export class People {
  readonly #links: LinksCache;
  /** The last matching per workspace, reused while its three inputs are the same objects. */
  readonly #lastMatch = new Map<string, { inputs: Inputs; matches: PeopleMatches }>();

  constructor(private readonly options: PeopleOptions) {
    this.#links = new LinksCache(options.links, options.now, options.linksMaxAgeMs);
  }

  /** The answers for workspace `teamId`. Reads the links (cached); never waits for Gtmhub or Slack. */
  async forTeam(teamId: string): Promise<PeopleView> {
    const links = await this.#links.linksOf(teamId);
    const gtmhub = this.options.gtmhubUsers.peek()?.value;
    const slack = this.options.slackMembers.peek()?.value;
    const inputs: Inputs = { gtmhub: gtmhub?.users, slack: slack?.members, links };
    const matches = this.#matches(teamId, inputs);
    const byId = gtmhub?.byId ?? new Map<string, GtmhubPerson>();
    const gtmhubStatus: GtmhubUsersStatus = gtmhub === undefined ? 'loading' : gtmhub.status;
    return {
      gtmhubUsers: gtmhubStatus,
      slackMembers: slack === undefined ? 'loading' : slack.status,
      knowsSlackUsers: matches.bySlackId.size > 0,
      ownerOf(gtmhubUserId) {
        const name = byId.get(gtmhubUserId)?.name;
        const match = matches.byGtmhubId.get(gtmhubUserId);
        if (match) return { kind: 'slack', gtmhubUserId, slackUserId: match.slackUserId, matchedBy: match.matchedBy, name };
        return name !== undefined ? { kind: 'gtmhub_name', gtmhubUserId, name } : { kind: 'id', gtmhubUserId };
      },
      gtmhubUserOf(slackUserId) {
        const match = matches.bySlackId.get(slackUserId);
        if (match) return { found: true, gtmhubUserId: match.gtmhubUserId, matchedBy: match.matchedBy, name: byId.get(match.gtmhubUserId)?.name };
        if (gtmhubStatus !== 'loaded') return { found: false, reason: 'gtmhub_users_unknown' };
        return { found: false, reason: matches.noMatch.get(slackUserId) ?? 'unknown_member' };
      },
    };
  }

  /** Starts both directories' first reads (at start, like the catalogue's warm-up); never waits. */
  warmUp(): void {
    this.options.gtmhubUsers.peek();
    this.options.slackMembers.peek();
  }

  /** After `/kpi link` or `/kpi unlink` on this replica: the next answer reads the links again. */
  linksChanged(teamId: string): void {
    this.#links.forget(teamId);
  }

  /** A Slack member's zone (users.list `tz`) as last read; undefined when unknown. */
  slackZoneOf(slackUserId: string): string | undefined {
    return this.options.slackMembers.peek()?.value?.members.find((m) => m.id === slackUserId)?.zone;
  }

  /**
   * Whether the Gtmhub user's email belongs to a deactivated Slack member (and to no active one):
   * such an owner is unreachable because they left, not because they were never matched.
   */
  isDeactivatedInSlack(gtmhubUserId: string): boolean {
    const email = comparableEmail(this.options.gtmhubUsers.peek()?.value?.byId.get(gtmhubUserId)?.email);
    const members = this.options.slackMembers.peek()?.value?.members ?? [];
    if (email === undefined) return false;
    const same = members.filter((m) => comparableEmail(m.email) === email);
    return same.length > 0 && same.every((m) => m.deleted);
  }

  /** The member's manual link, read from the store (not the cache: `/kpi whoami` says how). */
  linkOf(teamId: string, slackUserId: string): Promise<PeopleLink | undefined> {
    return this.options.links.linkOf(teamId, slackUserId);
  }

  /** Links a member by hand (`/kpi link`); this replica's next answer already knows it. */
  async link(input: { teamId: string; slackUserId: string; gtmhubUserId: string; createdBy: string }): Promise<LinkOutcome> {
    const outcome = await this.options.links.link(input);
    this.linksChanged(input.teamId);
    return outcome;
  }

  /** Removes a member's manual link (`/kpi unlink`); the removed link, or undefined when there was none. */
  async unlink(teamId: string, slackUserId: string): Promise<PeopleLink | undefined> {
    const removed = await this.options.links.unlink(teamId, slackUserId);
    this.linksChanged(teamId);
    return removed;
  }

  /** The Gtmhub user `text` names: an email (any case) or a Gtmhub user id. Never waits for Gtmhub. */
  findGtmhubUser(text: string): GtmhubUserLookup {
    const typed = text.trim();
    if (typed === '') return { found: false, reason: 'empty' };
    const users = this.options.gtmhubUsers.peek()?.value;
    const known = users?.status === 'loaded' ? users : undefined;
    if (typed.includes('@')) {
      // `@jane` or `<@U123>` typed in a plain-text field is not an email.
      if (!EMAIL.test(typed)) return { found: false, reason: 'malformed' };
      if (!known) return { found: false, reason: 'emails_unknown' };
      const email = comparableEmail(typed);
      const everyone: readonly GtmhubPerson[] = known.users;
      const matches = everyone.filter((u) => comparableEmail(u.email) === email);
      if (matches.length === 0) return { found: false, reason: 'no_user_with_email' };
      if (matches.length > 1) return { found: false, reason: 'email_shared_in_gtmhub' };
      return { found: true, gtmhubUserId: matches[0]!.id, name: matches[0]!.name, checked: true };
    }
    if (!GTMHUB_USER_ID.test(typed)) return { found: false, reason: 'malformed' };
    if (!known) return { found: true, gtmhubUserId: typed, name: undefined, checked: false };
    const user = known.byId.get(typed);
    return user ? { found: true, gtmhubUserId: user.id, name: user.name, checked: true } : { found: false, reason: 'no_user_with_id' };
  }

  #matches(teamId: string, inputs: Inputs): PeopleMatches {
    const last = this.#lastMatch.get(teamId);
    if (last && last.inputs.gtmhub === inputs.gtmhub && last.inputs.slack === inputs.slack && last.inputs.links === inputs.links) return last.matches;
    const matches = matchPeople({ gtmhubUsers: inputs.gtmhub ?? [], slackMembers: inputs.slack ?? [], links: inputs.links });
    this.#lastMatch.set(teamId, { inputs, matches });
    return matches;
  }
}

/**
 * The `OwnerMapping` the KPI form and the digest take today (src/kpis/kpi-form.ts), from one view:
 * lets step 2 plug people in without changing those signatures.
 */
export function ownerMappingOf(view: PeopleView): {
  gtmhubIdOf(slackUserId: string): string | undefined;
  slackIdOf(gtmhubUserId: string): string | undefined;
  readonly knowsSlackUsers: boolean;
} {
  return {
    gtmhubIdOf: (slackUserId) => {
      const answer = view.gtmhubUserOf(slackUserId);
      return answer.found ? answer.gtmhubUserId : undefined;
    },
    slackIdOf: (gtmhubUserId) => {
      const answer = view.ownerOf(gtmhubUserId);
      return answer.kind === 'slack' ? answer.slackUserId : undefined;
    },
    knowsSlackUsers: view.knowsSlackUsers,
  };
}
