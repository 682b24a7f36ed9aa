/**
 * What the listeners match, recorded as they register, so the middleware that acknowledges
 * unmatched requests (`unmatched.ts`) knows exactly what the listeners handle and cannot drift from
 * them: there is no second list of ids to keep in step with `ids.ts`.
 *
 * The matching mirrors Bolt's own (App.js / middleware/builtin.js): a string is an exact id, a
 * RegExp is matched, an object names several fields (an action's or options request's `type` is the
 * request's own, block_actions…); `app.view('x')` matches only `view_submission`, an object without
 * a type both. The dispatcher (dispatch.ts) hands requests to listeners by it.
 */
import type { App } from '@slack/bolt';

export type RouteKind = 'action' | 'view' | 'options' | 'shortcut' | 'event' | 'command';

/**
 * The App methods that register listeners, and what each registers: its first argument, except
 * `app.message` (a listener of `message` events) and `app.function` (of `function_executed` events
 * with its first argument as the step's `callback_id`), which are events to the middleware.
 */
const ROUTE_OF_METHOD: ReadonlyMap<PropertyKey, (first: unknown) => { kind: RouteKind; constraint: unknown }> = new Map<PropertyKey, (first: unknown) => { kind: RouteKind; constraint: unknown }>([
  ['action', (first) => ({ kind: 'action', constraint: first })],
  ['view', (first) => ({ kind: 'view', constraint: first })],
  ['options', (first) => ({ kind: 'options', constraint: first })],
  ['shortcut', (first) => ({ kind: 'shortcut', constraint: first })],
  ['event', (first) => ({ kind: 'event', constraint: first })],
  ['command', (first) => ({ kind: 'command', constraint: first })],
  ['message', () => ({ kind: 'event', constraint: 'message' })],
  // A step's listener takes only its own callback_id: a step kpibot no longer has is not "handled".
  ['function', (first) => ({ kind: 'event', constraint: { type: 'function_executed', callback_id: first } })],
]);

/** The ids of one incoming request, as far as its kind has them. */
export interface RequestIds {
  kind: RouteKind;
  /** action_id (actions, options), callback_id (views, shortcuts), the event's type, the command. */
  id: string | undefined;
  blockId?: string | undefined;
  /** The view's callback_id of an action or options request; a `function_executed` event's step. */
  callbackId?: string | undefined;
  /** view_submission / view_closed; shortcut / message_action; an action's element type. */
  type?: string | undefined;
  /** The request's own `type` (block_actions, block_suggestion…): what an action's or options constraint's `type` names, in Bolt. */
  bodyType?: string | undefined;
}

function matchesText(expected: unknown, actual: string | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof expected === 'string') return actual === expected;
  // `match`, as Bolt does: unlike `test`, it keeps no state between calls on a /g or /y pattern.
  if (expected instanceof RegExp) return actual !== undefined && actual.match(expected) !== null;
  return false;
}

function field(constraint: object, name: string): unknown {
  return Reflect.get(constraint, name);
}

/** Whether one listener's constraint takes the request, as Bolt would decide. */
export function constraintMatches(constraint: unknown, request: RequestIds): boolean {
  const simple = typeof constraint === 'string' || constraint instanceof RegExp;
  if (request.kind === 'view') {
    if (simple) return request.type === 'view_submission' && matchesText(constraint, request.id);
    if (typeof constraint !== 'object' || constraint === null) return false;
    // An object names its type or takes both, as Bolt's matchConstraints does.
    return matchesText(field(constraint, 'callback_id'), request.id) && matchesText(field(constraint, 'type'), request.type);
  }
  if (simple) return matchesText(constraint, request.id);
  if (typeof constraint !== 'object' || constraint === null) return false;
  switch (request.kind) {
    case 'action':
      return (
        matchesText(field(constraint, 'action_id'), request.id) &&
        matchesText(field(constraint, 'block_id'), request.blockId) &&
        matchesText(field(constraint, 'callback_id'), request.callbackId) &&
        matchesText(field(constraint, 'type'), request.bodyType)
      );
    case 'options':
      return (
        matchesText(field(constraint, 'action_id'), request.id) &&
        matchesText(field(constraint, 'block_id'), request.blockId) &&
        matchesText(field(constraint, 'callback_id'), request.callbackId) &&
        matchesText(field(constraint, 'type'), request.bodyType)
      );
    case 'shortcut':
      return matchesText(field(constraint, 'callback_id'), request.id) && matchesText(field(constraint, 'type'), request.type);
    case 'event':
      return matchesText(field(constraint, 'type'), request.id) && matchesText(field(constraint, 'callback_id'), request.callbackId);
    default:
      return false;
  }
}

export class ListenerRoutes {
  readonly #constraints = new Map<RouteKind, unknown[]>();

  add(kind: RouteKind, constraint: unknown): void {
    const list = this.#constraints.get(kind) ?? [];
    list.push(constraint);
    this.#constraints.set(kind, list);
  }

  /** Whether some listener will take the request. */
  handles(request: RequestIds): boolean {
    return (this.#constraints.get(request.kind) ?? []).some((constraint) => constraintMatches(constraint, request));
  }

  /** The recorded constraints of a kind (tests compare them with ids.ts). */
  constraintsOf(kind: RouteKind): readonly unknown[] {
    return this.#constraints.get(kind) ?? [];
  }
}

/** Takes over some registrations instead of Bolt (see dispatch.ts). */
export interface RegistrationTaker {
  takes(method: PropertyKey, args: readonly unknown[]): boolean;
  add(kind: RouteKind, constraint: unknown, listener: never): void;
}

/**
 * The app, with every listener registration also recorded in `routes`; the ones `taker` takes are
 * handed to it instead of Bolt.
 */
export function recordingApp(app: App, routes: ListenerRoutes, taker?: RegistrationTaker): App {
  return new Proxy(app, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      const routeOf = ROUTE_OF_METHOD.get(property);
      if (routeOf === undefined || typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        // Every registration method takes its constraint (or pattern, or callback_id) first.
        const route = routeOf(args[0]);
        routes.add(route.kind, route.constraint);
        if (taker?.takes(property, args)) {
          taker.add(route.kind, route.constraint, args[1] as never);
          return receiver;
        }
        return Reflect.apply(value, target, args);
      };
    },
  });
}
