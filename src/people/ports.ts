/**
 * What the people domain reads, as ports: the Slack side (members with their profile emails), the
 * Gtmhub side (the account's users) and the stored manual links. The domain imports nothing of
 * Slack: `src/slack/people/` implements `SlackMemberSource` over `users.list`.
 */

/** One Slack member as the domain needs it. `email` is personal data: kept in memory, never logged. */
export interface SlackMember {
  id: string;
  /** The profile email; undefined when Slack sent none (no `users:read.email`, bots, guests without one). */
  email: string | undefined;
  /** Deactivated (`deleted: true`): never an owner, and never matched. */
  deleted: boolean;
  /** Bots and apps (`is_bot`, and Slackbot, `USLACKBOT`). */
  bot: boolean;
  /** The member's IANA zone (`tz`), as their Slack profile says; check-ins run at their own wall time. */
  zone?: string | undefined;
}

/** One page of members, and the cursor of the next page ('' or undefined at the end). */
export interface SlackMemberPage {
  members: SlackMember[];
  nextCursor: string | undefined;
}

/** "List all members with profile emails, paged": one page per call, from `cursor` (undefined: the first). */
export interface SlackMemberSource {
  listMembers(cursor: string | undefined): Promise<SlackMemberPage>;
}

/** One Gtmhub user as the domain needs it (the `GtmhubUser` of src/gtmhub fits). */
export interface GtmhubPerson {
  id: string;
  /** '' when Gtmhub has none. Personal data: kept in memory, never logged. */
  email: string;
  /** `firstName lastName`, or what Gtmhub gives instead (see `parseUserPage`). */
  name: string;
}

/** Every user of the Gtmhub account, all pages (`GtmhubClient.listAllUsers` fits). */
export interface GtmhubPeopleSource {
  listAllUsers(): Promise<GtmhubPerson[]>;
}

/** A link a KPI admin made by hand (`/kpi link`): wins over the email match. */
export interface PeopleLink {
  teamId: string;
  slackUserId: string;
  gtmhubUserId: string;
  /** The admin who made it. */
  createdBy: string;
  createdAt: Date;
}

/** The links of a workspace (`PeopleLinksRepository` in src/store fits). */
export interface PeopleLinksSource {
  listLinks(teamId: string): Promise<PeopleLink[]>;
}

/** What linking by hand did (`/kpi link`). */
export type LinkOutcome =
  /** Stored; `replaced` is the Gtmhub user the member was linked to before, if any. */
  | { status: 'linked'; link: PeopleLink; replaced: string | undefined }
  /** The member was already linked to this Gtmhub user: nothing changed. */
  | { status: 'unchanged'; link: PeopleLink }
  /** The Gtmhub user is linked to another member, who must be unlinked first. */
  | { status: 'gtmhub_user_taken'; by: PeopleLink };

/** The links of a workspace, read and written (`PeopleLinksRepository` fits). */
export interface PeopleLinksStore extends PeopleLinksSource {
  linkOf(teamId: string, slackUserId: string): Promise<PeopleLink | undefined>;
  link(input: { teamId: string; slackUserId: string; gtmhubUserId: string; createdBy: string }): Promise<LinkOutcome>;
  unlink(teamId: string, slackUserId: string): Promise<PeopleLink | undefined>;
}
