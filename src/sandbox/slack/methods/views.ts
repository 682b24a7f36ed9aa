import { optionalString, requiredString, type Args } from '../args.js';
import { checkView, problemMessages } from '../block-kit-limits.js';
import { SlackMethodError } from '../errors.js';
import type { SimView } from '../types.js';
import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** Slack keeps at most three views in a modal's stack. */
const MAX_STACK = 3;

type ViewInput = Record<string, unknown>;

/** Reads and checks the `view` argument; Slack answers `invalid_arguments` for a bad view. */
function readView(args: Args, type: 'modal' | 'home'): ViewInput {
  const view = args.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
  }
  const problems = checkView(view);
  const input = view as ViewInput;
  if (input.type !== undefined && input.type !== type) problems.push({ pointer: '/view/type', message: `must be ${type}` });
  if (problems.length > 0) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: problemMessages(problems) } });
  return input;
}

function assertExternalIdFree(ws: SimWorkspace, externalId: unknown, exceptViewId?: string): void {
  if (typeof externalId !== 'string' || externalId === '') return;
  for (const v of ws.views.values()) {
    if (v.external_id === externalId && v.id !== exceptViewId) throw new SlackMethodError('duplicate_external_id');
  }
}

/** Builds the view object Slack returns, keeping identity fields from `base` when updating. */
function materialize(ws: SimWorkspace, input: ViewInput, base: Partial<SimView> & Pick<SimView, 'id' | 'root_view_id' | 'previous_view_id'>, type: 'modal' | 'home'): SimView {
  const text = (v: unknown): SimView['title'] => (v && typeof v === 'object' ? (v as SimView['title']) : undefined);
  return {
    id: base.id,
    team_id: ws.options.teamId,
    type,
    ...(type === 'modal' ? { title: text(input.title), submit: text(input.submit) ?? null, close: text(input.close) ?? null } : {}),
    blocks: Array.isArray(input.blocks) ? input.blocks : [],
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    state: base.state ?? { values: {} },
    hash: ws.nextHash(),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    root_view_id: base.root_view_id,
    previous_view_id: base.previous_view_id,
    app_id: ws.options.appId,
    app_installed_team_id: ws.options.teamId,
    bot_id: ws.options.botId,
    ...(base.user_id ? { user_id: base.user_id } : {}),
  };
}

function store(ws: SimWorkspace, view: SimView, { opened }: { opened: boolean }): Record<string, unknown> {
  ws.views.set(view.id, view);
  if (opened) ws.openedViews.push(structuredClone(view));
  const { user_id: _user, ...wire } = view;
  return { view: wire };
}

function open(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const triggerId = requiredString(args, 'trigger_id', 'invalid_trigger_id');
  const input = readView(args, 'modal');
  assertExternalIdFree(ws, input.external_id);
  const trigger = ws.consumeTrigger(triggerId);
  const id = ws.nextId('V');
  const view = materialize(ws, input, { id, root_view_id: id, previous_view_id: null, ...(trigger.userId ? { user_id: trigger.userId } : {}) }, 'modal');
  return store(ws, view, { opened: true });
}

/** The views stacked on `rootId`, bottom first. */
function stackOf(ws: SimWorkspace, rootId: string): SimView[] {
  return [...ws.views.values()].filter((v) => v.root_view_id === rootId);
}

function push(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const triggerId = requiredString(args, 'trigger_id', 'invalid_trigger_id');
  const input = readView(args, 'modal');
  assertExternalIdFree(ws, input.external_id);
  const trigger = ws.consumeTrigger(triggerId);
  // A trigger from a view interaction says which modal to stack on; otherwise the latest one opened.
  const parent = trigger.viewId !== undefined ? ws.views.get(trigger.viewId) : [...ws.views.values()].filter((v) => v.type === 'modal').at(-1);
  if (parent === undefined || parent.type !== 'modal') throw new SlackMethodError('not_found');
  const stack = stackOf(ws, parent.root_view_id);
  if (stack.length >= MAX_STACK) throw new SlackMethodError('push_limit_reached');
  const top = stack.at(-1) ?? parent;
  const id = ws.nextId('V');
  const view = materialize(ws, input, { id, root_view_id: parent.root_view_id, previous_view_id: top.id, ...(parent.user_id ? { user_id: parent.user_id } : {}) }, 'modal');
  return store(ws, view, { opened: true });
}

function update(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] either view_id or external_id is required'] } });
  }
  const current = viewId !== undefined ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.external_id === externalId);
  if (current === undefined) throw new SlackMethodError('not_found');
  const input = readView(args, current.type);
  const hash = optionalString(args, 'hash');
  // The hash guards against overwriting a view that changed since the caller read it.
  if (hash !== undefined && hash !== current.hash) throw new SlackMethodError('hash_conflict');
  assertExternalIdFree(ws, input.external_id, current.id);
  const view = materialize(ws, input, current, current.type);
  return store(ws, view, { opened: false });
}

function publish(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const userId = requiredString(args, 'user_id', 'user_not_found');
  ws.findUser(userId);
  const input = readView(args, 'home');
  const existingId = ws.homes.get(userId);
  const current = existingId !== undefined ? ws.views.get(existingId) : undefined;
  const hash = optionalString(args, 'hash');
  if (hash !== undefined && current !== undefined && hash !== current.hash) throw new SlackMethodError('hash_conflict');
  const id = current?.id ?? ws.nextId('V');
  const view = materialize(ws, input, { id, root_view_id: id, previous_view_id: null, user_id: userId }, 'home');
  ws.homes.set(userId, id);
  return store(ws, view, { opened: false });
}

export const viewsMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
