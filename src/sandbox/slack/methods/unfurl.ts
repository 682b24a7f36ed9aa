import { optionalString, type Args } from '../args.js';
import { checkMessageBlocks, problemMessages } from '../block-kit-limits.js';
import { SlackMethodError } from '../errors.js';
import type { SimWorkspace } from '../workspace.js';
import { filesOf } from './files-state.js';
import type { MethodHandler } from './handler.js';
import { assertSlackFilesVisible } from './slack-file-refs.js';

/**
 * chat.unfurl: the app's preview for links a member posted (after a `link_shared` event).
 * Either `channel` + `ts` (the message with the links) or `unfurl_id` + `source`; `unfurls` maps
 * each URL of the message to its blocks. A second call for the same message replaces the first.
 * https://docs.slack.dev/reference/methods/chat.unfurl/
 */
function readUnfurls(args: Args): Record<string, unknown> {
  let raw = args.unfurls;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new SlackMethodError('invalid_unfurls_format');
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SlackMethodError('invalid_unfurls_format');
  return Object.fromEntries(Object.entries(raw));
}

/** The blocks of one unfurl (`{ blocks }`; an attachment-style unfurl may carry none). */
function unfurlBlocks(unfurl: unknown): unknown {
  return typeof unfurl === 'object' && unfurl !== null && 'blocks' in unfurl ? unfurl.blocks : undefined;
}

function unfurl(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const channel = optionalString(args, 'channel');
  const ts = optionalString(args, 'ts');
  const unfurlId = optionalString(args, 'unfurl_id');
  const source = optionalString(args, 'source');
  if (!((channel !== undefined && ts !== undefined) || (unfurlId !== undefined && source !== undefined))) {
    throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] provide channel and ts, or unfurl_id and source'] } });
  }
  const unfurls = readUnfurls(args);
  let audience: string[] | 'unknown' = 'unknown';
  if (channel !== undefined && ts !== undefined) {
    const conversation = ws.visibleToBot(channel, { mustBeMember: false });
    const message = ws.messages.find((m) => m.channel === conversation.id && m.ts === ts);
    if (message === undefined) throw new SlackMethodError('cannot_find_message');
    // Only links that are in the message can be unfurled.
    for (const url of Object.keys(unfurls)) if (!message.text.includes(url)) throw new SlackMethodError('cannot_unfurl_url');
    audience = conversation.members.filter((m) => m !== ws.options.botUserId);
  }
  for (const [url, value] of Object.entries(unfurls)) {
    const pointer = `/unfurls/${url.replace(/~/g, '~0').replace(/\//g, '~1')}/blocks`;
    const blocks = unfurlBlocks(value);
    if (blocks === undefined) continue;
    const problems = checkMessageBlocks(blocks).map((p) => ({ ...p, pointer: p.pointer.replace(/^\/blocks/, pointer) }));
    if (problems.length > 0) {
      const lines = problemMessages(problems);
      throw new SlackMethodError('invalid_blocks', { errors: lines.map((l) => l.replace(/^\[ERROR\] /, '')), response_metadata: { messages: lines } });
    }
    assertSlackFilesVisible(ws, blocks, pointer, audience, 'invalid_blocks');
  }
  const recorded = filesOf(ws).unfurls;
  const key = (u: { channel?: string; ts?: string; unfurlId?: string }): string => `${u.channel ?? ''}|${u.ts ?? ''}|${u.unfurlId ?? ''}`;
  const entry = {
    ...(channel !== undefined ? { channel: ws.resolve(channel).id } : {}),
    ...(ts !== undefined ? { ts } : {}),
    ...(unfurlId !== undefined ? { unfurlId } : {}),
    ...(source !== undefined ? { source } : {}),
    unfurls,
    time: ws.now,
  };
  const existing = recorded.findIndex((u) => key(u) === key(entry));
  if (existing >= 0) recorded.splice(existing, 1, entry);
  else recorded.push(entry);
  return {};
}

export const unfurlMethods: Record<string, MethodHandler> = {
  'chat.unfurl': unfurl,
};
