/**
 * The Slack side of owner matching: `SlackMemberSource` (src/people/ports.ts) over `users.list`,
 * one page of 200 per call (docs.slack.dev/reference/methods/users.list: cursor paging, "no more than
 * 200 results at a time" recommended; Tier 2, so the whole list is read in the background by
 * `SlackMemberDirectory`, never per request). Not one `users.lookupByEmail` per person (Tier 3).
 *
 * `profile.email` is sent only to an install with `users:read.email`; Slackbot (`USLACKBOT`) is not
 * flagged `is_bot`, which the matching handles by its id. Members are parsed, not cast: a member
 * without an id is skipped.
 */
import type { WebClient } from '@slack/web-api';
import { PeopleSourceRefusedError } from '../../people/errors.js';
import type { SlackMember, SlackMemberPage, SlackMemberSource } from '../../people/ports.js';

/** Slack's recommended page size for users.list. */
export const USERS_LIST_PAGE_SIZE = 200;

/** Errors that mean "this install may not read the member list", not "Slack is down". */
const REFUSALS = new Set(['missing_scope', 'not_allowed_token_type', 'no_permission', 'ekm_access_denied']);

export function slackMemberSource(client: WebClient): SlackMemberSource {
  return {
    async listMembers(cursor) {
      let answer: unknown;
      try {
        answer = await client.users.list({ limit: USERS_LIST_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        const code = slackErrorOf(error);
        if (code !== undefined && REFUSALS.has(code)) {
          throw new PeopleSourceRefusedError(
            `Slack refused users.list (${code}), so KPI owners are not matched to Slack people by email; manual links (/kpi link) still work. Reinstall kpibot from manifest.yml (it asks for users:read and users:read.email) to turn this on.`,
            { cause: error },
          );
        }
        throw error;
      }
      return parseMemberPage(answer);
    },
  };
}

/** One users.list answer → the members the domain needs and the next cursor. */
export function parseMemberPage(answer: unknown): SlackMemberPage {
  const members: SlackMember[] = [];
  const listed = field(answer, 'members');
  for (const item of Array.isArray(listed) ? listed : []) {
    const member = parseMember(item);
    if (member) members.push(member);
  }
  const next = field(field(answer, 'response_metadata'), 'next_cursor');
  return { members, nextCursor: typeof next === 'string' && next !== '' ? next : undefined };
}

function parseMember(item: unknown): SlackMember | undefined {
  const id = field(item, 'id');
  if (typeof id !== 'string' || id === '') return undefined;
  const email = field(field(item, 'profile'), 'email');
  const tz = field(item, 'tz');
  return {
    id,
    email: typeof email === 'string' && email.trim() !== '' ? email : undefined,
    deleted: field(item, 'deleted') === true,
    // Workflow bots are bots too; Slackbot is recognised by its id (SLACKBOT_ID).
    bot: field(item, 'is_bot') === true || field(item, 'is_workflow_bot') === true,
    zone: typeof tz === 'string' && tz !== '' ? tz : undefined,
  };
}

/** The `error` of a Web API failure (`missing_scope`), read without trusting its shape. */
function slackErrorOf(error: unknown): string | undefined {
  const code = field(field(error, 'data'), 'error');
  return typeof code === 'string' ? code : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;
}
