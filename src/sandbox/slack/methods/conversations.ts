import { optionalBoolean, optionalInteger, optionalString, requiredString, type Args } from '../args.js';
import { SlackMethodError } from '../errors.js';
import type { SimMessage } from '../types.js';
import type { Conversation, SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** Slack's cursors are opaque; an encoded offset is enough for a simulator. */
function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (match === null) throw new SlackMethodError('invalid_cursor');
  return Number(match[1]);
}

/** One page of `items` and Slack's `response_metadata.next_cursor` ('' on the last page). */
function page<T>(items: T[], args: Args, defaultLimit: number): { items: T[]; hasMore: boolean; nextCursor: string } {
  const limit = Math.min(Math.max(optionalInteger(args, 'limit') ?? defaultLimit, 1), 1000);
  const offset = decodeCursor(optionalString(args, 'cursor'));
  const slice = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  return { items: slice, hasMore, nextCursor: hasMore ? encodeCursor(offset + limit) : '' };
}

function channelObject(conversation: Conversation, ws: SimWorkspace): Record<string, unknown> {
  if (conversation.kind === 'im') {
    return { id: conversation.id, is_im: true, is_channel: false, is_group: false, is_private: true, is_archived: false, user: conversation.user, is_open: true };
  }
  const c = conversation.channel;
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.is_private,
    is_group: c.is_private,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private,
    is_archived: c.is_archived,
    is_general: c.name === 'general',
    is_member: c.members.includes(ws.options.botUserId),
    context_team_id: ws.options.teamId,
  };
}

function info(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: false });
  const channel = channelObject(conversation, ws);
  if (optionalBoolean(args, 'include_num_members')) channel.num_members = conversation.members.length;
  return { channel };
}

function members(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: false });
  const result = page(conversation.members, args, 100);
  return { members: result.items, response_metadata: { next_cursor: result.nextCursor } };
}

/**
 * The bot joins a public channel (`channels:join`). Private channels and DMs take an invitation
 * instead; joining where the bot already is succeeds with Slack's `already_in_channel` warning.
 */
function join(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.resolve(requiredString(args, 'channel', 'channel_not_found'));
  if (conversation.kind === 'im' || conversation.channel.is_private) throw new SlackMethodError('method_not_supported_for_channel_type');
  const channel = conversation.channel;
  if (channel.is_archived) throw new SlackMethodError('is_archived');
  const botUserId = ws.options.botUserId;
  if (channel.members.includes(botUserId)) {
    return { channel: channelObject(conversation, ws), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
  }
  channel.members.push(botUserId);
  return { channel: channelObject(conversation, ws) };
}

function open(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const users = (optionalString(args, 'users') ?? '').split(',').filter((u) => u !== '');
  // kpibot only ever opens one-to-one DMs; group DMs (several users) are not simulated.
  if (users.length !== 1) throw new SlackMethodError(users.length === 0 ? 'users_list_not_supplied' : 'not_supported');
  const userId = users[0] as string;
  const alreadyOpen = ws.ims.has(userId);
  const id = ws.imFor(userId);
  return { ...(alreadyOpen ? { already_open: true } : {}), channel: { id } };
}

/** A message as history returns it: metadata only when `include_all_metadata` is set. */
function historyMessage(m: SimMessage, withMetadata: boolean): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = m;
  return withMetadata && metadata ? { ...rest, metadata } : rest;
}

/** Newest first, between `oldest` and `latest` (exclusive unless `inclusive`), as Slack pages it. */
function selectHistory(messages: SimMessage[], args: Args): SimMessage[] {
  const oldest = Number(optionalString(args, 'oldest') ?? '0');
  const latest = optionalString(args, 'latest');
  const latestN = latest === undefined ? Number.POSITIVE_INFINITY : Number(latest);
  const inclusive = optionalBoolean(args, 'inclusive');
  return messages
    .filter((m) => {
      const ts = Number(m.ts);
      return inclusive ? ts >= oldest && ts <= latestN : ts > oldest && ts < latestN;
    })
    .sort((a, b) => Number(b.ts) - Number(a.ts));
}

function history(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: true });
  // Thread replies stay out of channel history, as in Slack (they come from conversations.replies).
  const topLevel = ws.messagesIn(conversation.id).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
  const result = page(selectHistory(topLevel, args), args, 100);
  const withMetadata = optionalBoolean(args, 'include_all_metadata');
  return {
    messages: result.items.map((m) => historyMessage(m, withMetadata)),
    has_more: result.hasMore,
    response_metadata: { next_cursor: result.nextCursor },
  };
}

function replies(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: true });
  const ts = requiredString(args, 'ts', 'thread_not_found');
  const parent = ws.messagesIn(conversation.id).find((m) => m.ts === ts);
  if (parent === undefined) throw new SlackMethodError('thread_not_found');
  const thread = ws.messagesIn(conversation.id).filter((m) => m.ts === ts || m.thread_ts === ts);
  // Unlike history, replies come oldest first.
  const ordered = selectHistory(thread, { ...args, inclusive: true }).reverse();
  const result = page(ordered, args, 100);
  const withMetadata = optionalBoolean(args, 'include_all_metadata');
  return {
    messages: result.items.map((m) => historyMessage(m, withMetadata)),
    has_more: result.hasMore,
    response_metadata: { next_cursor: result.nextCursor },
  };
}

export const conversationsMethods: Record<string, MethodHandler> = {
  'conversations.info': info,
  'conversations.members': members,
  'conversations.join': join,
  'conversations.open': open,
  'conversations.history': history,
  'conversations.replies': replies,
};
