import type { GtmhubPerson, PeopleLink, SlackMember } from '../../src/people/ports.js';

export function gtmhubUser(id: string, email: string, name = `Name of ${id}`): GtmhubPerson {
  return { id, email, name };
}

export function member(id: string, email: string | undefined, flags: { deleted?: boolean; bot?: boolean } = {}): SlackMember {
  return { id, email, deleted: flags.deleted ?? false, bot: flags.bot ?? false };
}

export function link(slackUserId: string, gtmhubUserId: string, teamId = 'T1'): PeopleLink {
  return { teamId, slackUserId, gtmhubUserId, createdBy: 'U0ADMIN', createdAt: new Date(Date.UTC(2026, 0, 5)) };
}
