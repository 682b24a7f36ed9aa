import { optionalString, requiredString, type Args } from '../args.js';
import { checkMessageBlocks, problemMessages } from '../block-kit-limits.js';
import { SlackMethodError } from '../errors.js';
import type { SimMessage, SimMessageMetadata } from '../types.js';
import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** Slack truncates nothing: a `text` over 40,000 characters is refused. */
const MAX_TEXT = 40_000;

/** Refuses blocks Slack would refuse, with the `errors` and messages Slack gives for `invalid_blocks`. */
export function assertValidMessageBlocks(blocks: unknown): void {
  if (blocks === undefined) return;
  const problems = checkMessageBlocks(blocks);
  if (problems.length === 0) return;
  const lines = problemMessages(problems);
  throw new SlackMethodError('invalid_blocks', {
    errors: lines.map((l) => l.replace(/^\[ERROR\] /, '')),
    response_metadata: { messages: lines },
  });
}

function assertHasContent(args: Args): void {
  if (optionalString(args, 'text') === undefined && args.blocks === undefined && args.attachments === undefined) {
    throw new SlackMethodError('no_text');
  }
  const text = optionalString(args, 'text');
  if (text !== undefined && text.length > MAX_TEXT) throw new SlackMethodError('msg_too_long');
}

function readMetadata(args: Args): SimMessageMetadata | undefined {
  const metadata = args.metadata;
  if (metadata === undefined || metadata === null || metadata === '') return undefined;
  const m = metadata as Partial<SimMessageMetadata>;
  if (typeof m !== 'object' || typeof m.event_type !== 'string' || typeof m.event_payload !== 'object' || m.event_payload === null) {
    throw new SlackMethodError('invalid_metadata_format');
  }
  return { event_type: m.event_type, event_payload: m.event_payload };
}

/** The message object Slack echoes back from chat.postMessage / chat.update. */
function messageView(message: SimMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

function postMessage(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.postableByBot(requiredString(args, 'channel', 'channel_not_found'));
  assertHasContent(args);
  assertValidMessageBlocks(args.blocks);
  const metadata = readMetadata(args);
  const threadTs = optionalString(args, 'thread_ts');
  const message: SimMessage = {
    type: 'message',
    channel: conversation.id,
    ts: ws.nextTs(),
    user: ws.options.botUserId,
    bot_id: ws.options.botId,
    app_id: ws.options.appId,
    team: ws.options.teamId,
    text: optionalString(args, 'text') ?? '',
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
    ...(metadata ? { metadata } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
  ws.messages.push(message);
  return { channel: conversation.id, ts: message.ts, message: messageView(message) };
}

function postEphemeral(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.postableByBot(requiredString(args, 'channel', 'channel_not_found'));
  const user = requiredString(args, 'user', 'user_not_found');
  ws.findUser(user);
  if (!conversation.members.includes(user)) throw new SlackMethodError('user_not_in_channel');
  assertHasContent(args);
  assertValidMessageBlocks(args.blocks);
  const threadTs = optionalString(args, 'thread_ts');
  const messageTs = ws.nextTs();
  ws.ephemerals.push({
    channel: conversation.id,
    user,
    message_ts: messageTs,
    text: optionalString(args, 'text') ?? '',
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return { message_ts: messageTs };
}

function update(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: false });
  const message = ws.findMessage(conversation.id, requiredString(args, 'ts', 'message_not_found'));
  if (message.user !== ws.options.botUserId) throw new SlackMethodError('cant_update_message');
  assertHasContent(args);
  assertValidMessageBlocks(args.blocks);
  const metadata = readMetadata(args);
  const text = optionalString(args, 'text');
  if (text !== undefined) message.text = text;
  if (Array.isArray(args.blocks)) message.blocks = args.blocks;
  if (Array.isArray(args.attachments)) message.attachments = args.attachments;
  if (metadata) message.metadata = metadata;
  message.edited = { user: ws.options.botUserId, ts: ws.nextTs() };
  return { channel: conversation.id, ts: message.ts, text: message.text, message: messageView(message) };
}

function remove(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: false });
  const message = ws.findMessage(conversation.id, requiredString(args, 'ts', 'message_not_found'));
  if (message.user !== ws.options.botUserId) throw new SlackMethodError('cant_delete_message');
  ws.messages.splice(ws.messages.indexOf(message), 1);
  return { channel: conversation.id, ts: message.ts };
}

function getPermalink(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const conversation = ws.visibleToBot(requiredString(args, 'channel', 'channel_not_found'), { mustBeMember: false });
  const message = ws.findMessage(conversation.id, requiredString(args, 'message_ts', 'message_not_found'));
  const permalink = `https://${ws.options.teamDomain}.slack.com/archives/${conversation.id}/p${message.ts.replace('.', '')}`;
  return { channel: conversation.id, permalink };
}

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
  'chat.getPermalink': getPermalink,
};
