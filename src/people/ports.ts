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
