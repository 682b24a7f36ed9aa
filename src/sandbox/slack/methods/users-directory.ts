/**
 * `users.list` (cursor-paged, profile emails) and `users.lookupByEmail`. What kpibot's owner matching
 * relies on is modelled: deactivated members (`deleted: true`) and bots are listed like everyone,
 * Slackbot (`USLACKBOT`) is listed and is not flagged `is_bot`, and `profile.email` is there only
 * when the install has `users:read.email` (docs.slack.dev/reference/methods/users.list).
 */
import { optionalBoolean, optionalInteger, optionalString, requiredString, type Args } from '../args.js';
import { SlackMethodError } from '../errors.js';
import { hasScope, requireScope } from '../scopes.js';
import type { SimUser } from '../types.js';
import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** Slack asks for a limit under 1000 (and recommends 200); this is the most one page holds here. */
const MAX_LIMIT = 1000;

/** A member as users.info and users.list return it. */
export function memberObject(user: SimUser, ws: SimWorkspace, options: { includeLocale?: boolean } = {}): Record<string, unknown> {
  const { locale, email, ...rest } = user;
  const profile: Record<string, unknown> = { real_name: user.real_name, display_name: user.name, team: ws.options.teamId };
  if (email !== undefined && hasScope(ws, 'users:read.email')) profile['email'] = email;
  return {
    ...rest,
    team_id: ws.options.teamId,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    profile,
    ...(options.includeLocale ? { locale } : {}),
  };
}

/** Slack's cursors are opaque base64 (`dXNlcjpVMDYxTkZUVDI=` is `user:U061NFTT2`); so are these. */
function cursorAt(userId: string): string {
  return Buffer.from(`user:${userId}`, 'utf8').toString('base64');
}

function startOf(cursor: string | undefined, ids: readonly string[]): number {
  if (cursor === undefined) return 0;
  const decoded = /^user:(.+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1];
  const index = decoded === undefined ? -1 : ids.indexOf(decoded);
  if (index < 0) throw new SlackMethodError('invalid_cursor');
  return index;
}

function list(args: Args, ws: SimWorkspace): Record<string, unknown> {
  requireScope(ws, 'users:read');
  const ids = [...ws.users.keys()];
  const start = startOf(optionalString(args, 'cursor'), ids);
  const asked = optionalInteger(args, 'limit') ?? 0;
  // No limit (or 0): Slack tries to send everything at once.
  const limit = asked <= 0 ? ids.length : Math.min(asked, MAX_LIMIT);
  const page = ids.slice(start, start + limit);
  const next = ids[start + limit];
  const includeLocale = optionalBoolean(args, 'include_locale');
  return {
    members: page.map((id) => memberObject(ws.findUser(id), ws, { includeLocale })),
    cache_ts: Math.floor(ws.now / 1000),
    response_metadata: { next_cursor: next === undefined ? '' : cursorAt(next) },
  };
}

function lookupByEmail(args: Args, ws: SimWorkspace): Record<string, unknown> {
  requireScope(ws, 'users:read.email');
  const email = requiredString(args, 'email', 'invalid_email').toLowerCase();
  const user = [...ws.users.values()].find((u) => u.email?.toLowerCase() === email);
  if (user === undefined) throw new SlackMethodError('users_not_found');
  return { user: memberObject(user, ws) };
}

export const usersDirectoryMethods: Record<string, MethodHandler> = {
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
};
