import { optionalString, type Args } from '../args.js';
import { problemMessages, type BlockKitProblem } from '../block-kit-limits.js';
import { SlackMethodError } from '../errors.js';
import type { SimView } from '../types.js';
import type { SimWorkspace } from '../workspace.js';
import { canSeeFile, filesOf, isBlockImage, type SimFile } from './files-state.js';
import type { MethodHandler } from './handler.js';

/**
 * Slack shows an image that references a Slack file (`{ type: 'image', slack_file: { id } }`)
 * only to people who can see that file, and refuses blocks that would show it to anyone who
 * cannot (`invalid_blocks`, "invalid slack file [json-pointer:…/slack_file]"): a file uploaded
 * without a channel is private to its uploader (the bot), so it may appear only where no one
 * else looks. The rule, per surface, and the pages it comes from: docs/slack-files.md.
 *
 * Who looks at each surface (the audience every referenced file must be visible to):
 * - chat.postMessage / chat.update / chat.unfurl: the members of the conversation;
 * - chat.postEphemeral: the one user it is for;
 * - views.publish: the Home tab's user; views.open / views.push / views.update: the modal's user.
 */

interface FileReference {
  pointer: string;
  slackFile: unknown;
}

/** Every `slack_file` inside `blocks` (image blocks, and image elements in context blocks or accessories). */
export function slackFileReferences(blocks: unknown, pointer: string): FileReference[] {
  const found: FileReference[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}/${i}`));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'slack_file') found.push({ pointer: `${at}/slack_file`, slackFile: child });
        else walk(child, `${at}/${key}`);
      }
    }
  };
  walk(blocks, pointer);
  return found;
}

/** The file a `slack_file` object names: by `id`, or by its `url_private` / `permalink` as `url`. Both at once is refused. */
function resolveReference(ws: SimWorkspace, slackFile: unknown): SimFile | undefined {
  if (typeof slackFile !== 'object' || slackFile === null) return undefined;
  const id = 'id' in slackFile && typeof slackFile.id === 'string' ? slackFile.id : undefined;
  const url = 'url' in slackFile && typeof slackFile.url === 'string' ? slackFile.url : undefined;
  if ((id === undefined) === (url === undefined)) return undefined;
  const files = filesOf(ws).files;
  if (id !== undefined) return files.get(id);
  return [...files.values()].find((f) => url !== undefined && (url.includes(`-${f.id}/`) || url.includes(`/${f.id}/`)));
}

/** The problems with the slack_file references in `blocks` for an audience (empty when all is well). */
export function slackFileProblems(ws: SimWorkspace, blocks: unknown, pointer: string, audience: readonly string[] | 'unknown'): BlockKitProblem[] {
  const problems: BlockKitProblem[] = [];
  for (const ref of slackFileReferences(blocks, pointer)) {
    const file = resolveReference(ws, ref.slackFile);
    const usable = file !== undefined && file.completed && isBlockImage(file);
    // A viewer the simulator cannot name (a modal opened without a known user) can be shown only a shared file.
    const visible = usable && (audience === 'unknown' ? file.shares.length > 0 : audience.every((user) => canSeeFile(ws, file, user)));
    if (!visible) problems.push({ pointer: ref.pointer, message: 'invalid slack file' });
  }
  return problems;
}

/** Throws Slack's refusal when a file is referenced where someone who cannot see it would look. */
export function assertSlackFilesVisible(ws: SimWorkspace, blocks: unknown, pointer: string, audience: readonly string[] | 'unknown', error: 'invalid_blocks' | 'invalid_arguments'): void {
  const problems = slackFileProblems(ws, blocks, pointer, audience);
  if (problems.length === 0) return;
  const lines = problemMessages(problems);
  throw new SlackMethodError(error, {
    ...(error === 'invalid_blocks' ? { errors: lines.map((l) => l.replace(/^\[ERROR\] /, '')) } : {}),
    response_metadata: { messages: lines },
  });
}

/** Members of a conversation other than the bot; `undefined` when the conversation does not resolve (the method's own check then answers). */
function conversationAudience(ws: SimWorkspace, channel: string | undefined): string[] | undefined {
  if (channel === undefined) return undefined;
  try {
    return ws.resolve(channel).members.filter((m) => m !== ws.options.botUserId);
  } catch {
    return undefined;
  }
}

function viewBlocks(args: Args): unknown {
  const view = args.view;
  return typeof view === 'object' && view !== null && 'blocks' in view ? view.blocks : undefined;
}

/** Before the method: the audience is known from the arguments. */
function checkedBefore(handler: MethodHandler, audienceOf: (args: Args, ws: SimWorkspace) => readonly string[] | 'unknown' | undefined, blocksOf: (args: Args) => unknown, pointer: string, error: 'invalid_blocks' | 'invalid_arguments'): MethodHandler {
  return (args, ws) => {
    const audience = audienceOf(args, ws);
    if (audience !== undefined) assertSlackFilesVisible(ws, blocksOf(args), pointer, audience, error);
    return handler(args, ws);
  };
}

/**
 * After the method, for views.open and views.push: only the stored view knows its user (from the
 * trigger). A refused view is taken back, so the workspace looks as if it had never been opened.
 */
function checkedAfterOpening(handler: MethodHandler): MethodHandler {
  return (args, ws) => {
    const result = handler(args, ws);
    const id = typeof result.view === 'object' && result.view !== null && 'id' in result.view ? String(result.view.id) : undefined;
    const view: SimView | undefined = id === undefined ? undefined : ws.views.get(id);
    if (view === undefined) return result;
    const problems = slackFileProblems(ws, view.blocks, '/view/blocks', view.user_id !== undefined ? [view.user_id] : 'unknown');
    if (problems.length > 0) {
      ws.views.delete(view.id);
      const opened = ws.openedViews.findIndex((v) => v.id === view.id);
      if (opened >= 0) ws.openedViews.splice(opened, 1);
      assertSlackFilesVisible(ws, view.blocks, '/view/blocks', view.user_id !== undefined ? [view.user_id] : 'unknown', 'invalid_arguments');
    }
    return result;
  };
}

/** The user of the view views.update would change, found as the method finds it. */
function updatedViewUser(args: Args, ws: SimWorkspace): readonly string[] | 'unknown' | undefined {
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  const current = viewId !== undefined ? ws.views.get(viewId) : [...ws.views.values()].find((v) => externalId !== undefined && v.external_id === externalId);
  if (current === undefined) return undefined;
  return current.user_id !== undefined ? [current.user_id] : 'unknown';
}

/**
 * Wraps the methods that show blocks so that each checks its slack_file references first; the
 * methods themselves stay as they are. Views answer `invalid_arguments` for a bad view (as the
 * simulator's other view checks do), messages `invalid_blocks`.
 */
export function withSlackFileChecks(methods: Record<string, MethodHandler>): Record<string, MethodHandler> {
  const wrapped = { ...methods };
  const message = (name: string): void => {
    const handler = methods[name];
    if (handler) wrapped[name] = checkedBefore(handler, (args, ws) => conversationAudience(ws, optionalString(args, 'channel')), (args) => args.blocks, '/blocks', 'invalid_blocks');
  };
  message('chat.postMessage');
  message('chat.update');
  const ephemeral = methods['chat.postEphemeral'];
  if (ephemeral) {
    wrapped['chat.postEphemeral'] = checkedBefore(ephemeral, (args) => {
      const user = optionalString(args, 'user');
      return user === undefined ? undefined : [user];
    }, (args) => args.blocks, '/blocks', 'invalid_blocks');
  }
  const publish = methods['views.publish'];
  if (publish) {
    wrapped['views.publish'] = checkedBefore(publish, (args) => {
      const user = optionalString(args, 'user_id');
      return user === undefined ? undefined : [user];
    }, viewBlocks, '/view/blocks', 'invalid_arguments');
  }
  const update = methods['views.update'];
  if (update) wrapped['views.update'] = checkedBefore(update, updatedViewUser, viewBlocks, '/view/blocks', 'invalid_arguments');
  for (const name of ['views.open', 'views.push']) {
    const handler = methods[name];
    if (handler) wrapped[name] = checkedAfterOpening(handler);
  }
  return wrapped;
}
