/**
 * Acknowledges, before any listener runs, what no listener will handle: a button, form, typeahead
 * or shortcut from an older version of kpibot, or one Slack sends that kpibot never asked for. Left
 * alone, Bolt would leave it unacknowledged until its 3 s unhandled-request timeout, and the person
 * would see a warning icon and nothing else. Bolt runs every matching listener, so a catch-all
 * listener would acknowledge twice; this global middleware decides from the routes the listeners
 * registered (`routes.ts`) and lets everything else through untouched.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { OUT_OF_DATE, outOfDateMessage, STEP_OUT_OF_DATE } from '../views/help.js';
import { resultModal } from '../views/log-modal.js';
import type { ListenerRoutes, RequestIds } from './routes.js';

function objectAt(value: unknown, key: string): object | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner: unknown = Reflect.get(value, key);
  return typeof inner === 'object' && inner !== null ? inner : undefined;
}

function textAt(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner: unknown = Reflect.get(value, key);
  return typeof inner === 'string' ? inner : undefined;
}

function firstAction(body: unknown): object | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const actions: unknown = Reflect.get(body, 'actions');
  if (!Array.isArray(actions)) return undefined;
  const first: unknown = actions[0];
  return typeof first === 'object' && first !== null ? first : undefined;
}

/** The ids of a request as the listeners' constraints see them, or undefined for what Bolt alone handles. */
export function requestIdsOf(body: unknown): RequestIds | undefined {
  const type = textAt(body, 'type');
  const viewCallbackId = textAt(objectAt(body, 'view'), 'callback_id');
  if (type === undefined) {
    const command = textAt(body, 'command');
    return command === undefined ? undefined : { kind: 'command', id: command };
  }
  switch (type) {
    case 'block_actions':
    case 'interactive_message':
    case 'dialog_submission':
    case 'dialog_cancellation':
    case 'workflow_step_edit': {
      const action = firstAction(body);
      return { kind: 'action', id: textAt(action, 'action_id'), blockId: textAt(action, 'block_id'), callbackId: viewCallbackId ?? textAt(body, 'callback_id'), type: textAt(action, 'type'), bodyType: type };
    }
    case 'view_submission':
    case 'view_closed':
      return { kind: 'view', id: viewCallbackId, type };
    case 'block_suggestion':
    case 'dialog_suggestion':
      return { kind: 'options', id: textAt(body, 'action_id'), blockId: textAt(body, 'block_id'), callbackId: viewCallbackId ?? textAt(body, 'callback_id'), bodyType: type };
    case 'shortcut':
    case 'message_action':
      return { kind: 'shortcut', id: textAt(body, 'callback_id'), type };
    case 'event_callback': {
      const event = objectAt(body, 'event');
      const id = textAt(event, 'type');
      return id === 'function_executed' ? { kind: 'event', id, callbackId: textAt(objectAt(event, 'function'), 'callback_id') } : { kind: 'event', id };
    }
    default:
      return undefined;
  }
}

/** Calls the request's `ack` when it has one (Bolt acknowledges events itself). */
async function acknowledge(args: object, answer?: unknown): Promise<void> {
  const ack: unknown = Reflect.get(args, 'ack');
  if (typeof ack !== 'function') return;
  const done: unknown = Reflect.apply(ack, undefined, answer === undefined ? [] : [answer]);
  await done;
}

/** Says the sentence where the person will see it: an ephemeral reply through the response_url. */
async function tellOutOfDate(args: object, body: unknown): Promise<void> {
  const respond: unknown = Reflect.get(args, 'respond');
  // A click inside a modal or on the Home tab has no response_url: there is nowhere to reply.
  if (typeof respond !== 'function' || textAt(objectAt(body, 'container'), 'type') === 'view') return;
  const done: unknown = Reflect.apply(respond, undefined, [{ response_type: 'ephemeral', replace_original: false, ...outOfDateMessage() }]);
  await done;
}

/** Ends a workflow step no listener takes with the sentence (Bolt's `fail`, functions.completeError). */
async function failStep(args: object): Promise<void> {
  const fail: unknown = Reflect.get(args, 'fail');
  if (typeof fail !== 'function') return;
  const done: unknown = Reflect.apply(fail, undefined, [{ error: STEP_OUT_OF_DATE }]);
  await done;
}

async function answerUnmatched(args: object, request: RequestIds, body: unknown): Promise<void> {
  switch (request.kind) {
    case 'view':
      await acknowledge(args, request.type === 'view_submission' ? { response_action: 'update', view: resultModal(OUT_OF_DATE) } : undefined);
      return;
    case 'options':
      await acknowledge(args, { options: [] });
      return;
    case 'command':
      await acknowledge(args, { response_type: 'ephemeral', ...outOfDateMessage() });
      return;
    case 'event':
      // Bolt has acknowledged it (200); function_executed waits for its listener, so it is acked here.
      await acknowledge(args);
      // A step kpibot no longer offers would leave its workflow waiting: it fails with the sentence.
      if (request.id === 'function_executed') await failStep(args);
      return;
    default:
      await acknowledge(args);
      await tellOutOfDate(args, body);
  }
}

export function acknowledgeUnmatched(routes: ListenerRoutes, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const request = requestIdsOf(args.body);
    if (request === undefined || routes.handles(request)) {
      await args.next();
      return;
    }
    logger.warn('no listener handles this request; answered it without acting', { kind: request.kind, id: request.id ?? null, type: request.type ?? null, ...(request.callbackId !== undefined ? { callbackId: request.callbackId } : {}) });
    try {
      await answerUnmatched(args, request, args.body);
    } catch (error) {
      logger.warn('answering a request no listener handles failed', { kind: request.kind, error });
    }
  };
}
