import { optionalInteger, optionalString, requiredString, type Args } from '../args.js';
import { SlackMethodError } from '../errors.js';
import type { SimMessage } from '../types.js';
import type { Conversation, SimWorkspace } from '../workspace.js';
import { assertValidMessageBlocks } from './chat.js';
import { filesOf, type SimFile } from './files-state.js';
import type { MethodHandler } from './handler.js';

/**
 * Slack's upload flow since files.upload was retired:
 * 1. files.getUploadURLExternal(filename, length[, alt_txt]) → upload_url + file_id;
 * 2. POST the bytes to upload_url (see file-upload-endpoint.ts);
 * 3. files.completeUploadExternal(files[, channel_id | channels][, thread_ts][, initial_comment | blocks]).
 * Without a channel the file stays private to the uploader.
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal/
 * https://docs.slack.dev/reference/methods/files.completeUploadExternal/
 */
function getUploadUrlExternal(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const filename = requiredString(args, 'filename');
  const length = optionalInteger(args, 'length');
  if (length === undefined) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: length'] } });
  if (length <= 0) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] length must be greater than 0'] } });
  const state = filesOf(ws);
  // Slack's reference names it alt_txt; @slack/web-api's typed arguments call it alt_text and send it so.
  const altText = optionalString(args, 'alt_txt') ?? optionalString(args, 'alt_text');
  const file: SimFile = {
    id: ws.nextId('F'),
    name: filename,
    title: filename,
    ...(altText !== undefined ? { altText } : {}),
    declaredLength: length,
    uploadToken: state.newUploadToken(),
    user: ws.options.botUserId,
    created: Math.floor(ws.now / 1000),
    completed: false,
    shares: [],
  };
  state.files.set(file.id, file);
  return { upload_url: state.uploadUrl(file), file_id: file.id };
}

/** `files` arrives as JSON text in a form and as an array in a JSON body. */
function readFileList(args: Args): Array<{ id: string; title?: string }> {
  let raw = args.files;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] files must be a JSON array'] } });
    }
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: files'] } });
  return raw.map((entry: unknown) => {
    const id = typeof entry === 'object' && entry !== null && 'id' in entry ? entry.id : undefined;
    const title = typeof entry === 'object' && entry !== null && 'title' in entry ? entry.title : undefined;
    if (typeof id !== 'string') throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] every file needs an id'] } });
    return { id, ...(typeof title === 'string' ? { title } : {}) };
  });
}

/** `channel_id`, or the older comma-separated `channels`; none means a private upload. */
function shareTargets(args: Args, ws: SimWorkspace): Conversation[] {
  const channelId = optionalString(args, 'channel_id');
  const channels = optionalString(args, 'channels');
  const ids = channelId !== undefined ? [channelId] : (channels ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  const threadTs = optionalString(args, 'thread_ts');
  // "Make sure to provide only one channel when using thread_ts."
  if (threadTs !== undefined && ids.length !== 1) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] thread_ts needs exactly one channel'] } });
  return ids.map((id) => ws.postableByBot(id));
}

function fileObject(file: SimFile, ws: SimWorkspace): Record<string, unknown> {
  const base = `https://files.slack.com/files-pri/${ws.options.teamId}-${file.id}`;
  return {
    id: file.id,
    created: file.created,
    name: file.name,
    title: file.title,
    mimetype: /\.png$/i.test(file.name) ? 'image/png' : 'application/octet-stream',
    filetype: file.name.split('.').pop() ?? '',
    user: file.user,
    size: file.bytes?.length ?? 0,
    url_private: `${base}/${file.name}`,
    permalink: `https://${ws.options.teamDomain}.slack.com/files/${file.user}/${file.id}/${file.name}`,
    is_public: file.shares.some((id) => ws.channels.get(id)?.is_private === false),
    channels: file.shares.filter((id) => ws.channels.get(id)?.is_private === false),
    groups: file.shares.filter((id) => ws.channels.get(id)?.is_private === true),
    ims: file.shares.filter((id) => !ws.channels.has(id)),
    ...(file.altText !== undefined ? { alt_txt: file.altText } : {}),
  };
}

function completeUploadExternal(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const state = filesOf(ws);
  const list = readFileList(args);
  const files = list.map(({ id, title }) => {
    const file = state.files.get(id);
    // A file whose bytes never arrived cannot be completed, as in Slack.
    if (file === undefined || file.bytes === undefined || file.completed) throw new SlackMethodError('file_not_found');
    return { file, title };
  });
  const targets = shareTargets(args, ws);
  const threadTs = optionalString(args, 'thread_ts');
  if (threadTs !== undefined && targets[0] !== undefined) ws.findMessage(targets[0].id, threadTs);
  const initialComment = optionalString(args, 'initial_comment');
  // "If the initial_comment field is provided, the blocks field is ignored."
  const blocks = initialComment === undefined && Array.isArray(args.blocks) ? args.blocks : undefined;
  assertValidMessageBlocks(blocks);
  for (const { file, title } of files) {
    file.completed = true;
    if (title !== undefined) file.title = title;
  }
  for (const target of targets) {
    for (const { file } of files) if (!file.shares.includes(target.id)) file.shares.push(target.id);
    const message: SimMessage & { subtype: 'file_share'; files: Array<Record<string, unknown>> } = {
      type: 'message',
      subtype: 'file_share',
      channel: target.id,
      ts: ws.nextTs(),
      user: ws.options.botUserId,
      bot_id: ws.options.botId,
      team: ws.options.teamId,
      text: initialComment ?? '',
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      files: files.map(({ file }) => ({ id: file.id, name: file.name, title: file.title })),
    };
    ws.messages.push(message);
  }
  for (const { file } of files) state.options.onCompleted?.(file);
  return { files: files.map(({ file }) => fileObject(file, ws)) };
}

export const filesMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadUrlExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
