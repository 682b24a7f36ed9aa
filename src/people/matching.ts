/**
 * Who is who, as a pure function: Gtmhub users, Slack members and manual links in, two maps out.
 *
 * The rules (issue 9, "Owners as people"):
 * - a Gtmhub user is the Slack member with the same email, compared case-insensitively (and without
 *   surrounding spaces);
 * - deactivated members, bots and Slackbot are nobody: they are left out before anything is compared,
 *   so a deactivated account does not make its successor's email ambiguous;
 * - an email shared by two members, or by two Gtmhub users, matches nobody: guessing would mention the
 *   wrong person in a channel;
 * - a manual link wins over the email: both of its sides leave the email matching. A link to a member
 *   the Slack directory knows as deactivated or a bot is ignored (it would mention nobody); a link to
 *   a member or a Gtmhub user the directories do not know (not loaded, or Gtmhub refused the list)
 *   still holds, since an admin made it.
 */
import type { GtmhubPerson, PeopleLink, SlackMember } from './ports.js';

export type MatchedBy = 'link' | 'email';

export interface Match {
  slackUserId: string;
  gtmhubUserId: string;
  matchedBy: MatchedBy;
}

/** Why a Slack member has no Gtmhub user (for `/kpi whoami`). */
export type NoMatchReason =
  /** Deactivated, a bot or Slackbot. */
  | 'not_a_person'
  /** Slack gave no email (the member has none, or kpibot lacks `users:read.email`). */
  | 'no_email'
  /** Another active member has the same email. */
  | 'email_shared_in_slack'
  /** Several Gtmhub users have this email. */
  | 'email_shared_in_gtmhub'
  /** No Gtmhub user has this email. */
  | 'no_gtmhub_user'
  /** The member's Gtmhub user is linked by hand to someone else. */
  | 'taken_by_link'
  /** The Slack directory does not know this member (not loaded yet, or turned off). */
  | 'unknown_member';

export interface PeopleMatches {
  byGtmhubId: ReadonlyMap<string, Match>;
  bySlackId: ReadonlyMap<string, Match>;
  /** Why each known Slack member without a match has none. */
  noMatch: ReadonlyMap<string, NoMatchReason>;
}

/** Slackbot is not flagged `is_bot` by Slack; its id is fixed. */
export const SLACKBOT_ID = 'USLACKBOT';

/** The form emails are compared in; undefined for none. */
export function comparableEmail(email: string | undefined): string | undefined {
  const normal = email?.trim().toLowerCase();
  return normal === undefined || normal === '' ? undefined : normal;
}

export function isPerson(member: SlackMember): boolean {
  return !member.deleted && !member.bot && member.id !== SLACKBOT_ID;
}

/** Groups `items` by their email; items without one are left out. */
function byEmail<T>(items: readonly T[], emailOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const email = comparableEmail(emailOf(item));
    if (email === undefined) continue;
    const group = groups.get(email);
    if (group) group.push(item);
    else groups.set(email, [item]);
  }
  return groups;
}

export function matchPeople(input: {
  gtmhubUsers: readonly GtmhubPerson[];
  slackMembers: readonly SlackMember[];
  links: readonly PeopleLink[];
}): PeopleMatches {
  const members = new Map(input.slackMembers.map((m) => [m.id, m] as const));
  const byGtmhubId = new Map<string, Match>();
  const bySlackId = new Map<string, Match>();
  const noMatch = new Map<string, NoMatchReason>();

  for (const link of input.links) {
    const member = members.get(link.slackUserId);
    if (member !== undefined && !isPerson(member)) continue;
    // The store keeps both sides unique per team; a second link to either side would be a bug upstream.
    if (byGtmhubId.has(link.gtmhubUserId) || bySlackId.has(link.slackUserId)) continue;
    const match: Match = { slackUserId: link.slackUserId, gtmhubUserId: link.gtmhubUserId, matchedBy: 'link' };
    byGtmhubId.set(match.gtmhubUserId, match);
    bySlackId.set(match.slackUserId, match);
  }

  const people = input.slackMembers.filter(isPerson);
  const gtmhubByEmail = byEmail(input.gtmhubUsers, (u) => u.email);
  for (const [email, sharing] of byEmail(people, (m) => m.email)) {
    if (sharing.length > 1) {
      for (const m of sharing) if (!bySlackId.has(m.id)) noMatch.set(m.id, 'email_shared_in_slack');
      continue;
    }
    const [member] = sharing;
    if (member === undefined || bySlackId.has(member.id)) continue;
    const users = gtmhubByEmail.get(email) ?? [];
    const [user] = users;
    if (user === undefined) noMatch.set(member.id, 'no_gtmhub_user');
    else if (users.length > 1) noMatch.set(member.id, 'email_shared_in_gtmhub');
    else if (byGtmhubId.has(user.id)) noMatch.set(member.id, 'taken_by_link');
    else {
      const match: Match = { slackUserId: member.id, gtmhubUserId: user.id, matchedBy: 'email' };
      byGtmhubId.set(user.id, match);
      bySlackId.set(member.id, match);
    }
  }
  for (const member of input.slackMembers) {
    if (bySlackId.has(member.id) || noMatch.has(member.id)) continue;
    noMatch.set(member.id, isPerson(member) ? 'no_email' : 'not_a_person');
  }
  return { byGtmhubId, bySlackId, noMatch };
}
