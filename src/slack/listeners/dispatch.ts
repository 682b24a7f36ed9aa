/**
 * One Bolt listener per kind of interaction instead of one per id. Bolt runs the matcher chain of
 * every registered listener on every request (43 of kpibot's: an async call and a copy of the
 * request's arguments each) before and after the one that acks, on the event loop the next
 * requests wait for; here the actions, views, options and shortcuts are registered once each with a
 * pattern that takes every request of the kind, and handed to the listeners whose constraint takes
 * them, decided as Bolt would (`constraintMatches`, which the unmatched-request check uses too).
 *
 * A registration with listener middleware (more than one function) is left to Bolt as it was. The
 * listeners get Bolt's arguments unchanged, except `context.actionIdMatches`/`callbackIdMatches`
 * (a RegExp constraint's match groups), which none of kpibot's reads.
 */
import { MultipleListenerError, type AnyMiddlewareArgs, type App, type Middleware } from '@slack/bolt';
import { constraintMatches, type RouteKind } from './routes.js';
import { requestIdsOf } from './unmatched.js';

export type DispatchedKind = Extract<RouteKind, 'action' | 'view' | 'options' | 'shortcut'>;

const DISPATCHED: ReadonlySet<PropertyKey> = new Set<DispatchedKind>(['action', 'view', 'options', 'shortcut']);

type Listener = (args: AnyMiddlewareArgs) => Promise<unknown>;

/** A constraint that names nothing: Bolt's matchConstraints lets every request of the kind through (a view of either type, a dialog too). */
const EVERY = {};

export class Dispatcher {
  readonly #listeners = new Map<DispatchedKind, Array<{ constraint: unknown; listener: Listener }>>();

  /** Whether `method(...args)` is a registration this dispatcher takes over. */
  takes(method: PropertyKey, args: readonly unknown[]): method is DispatchedKind {
    return DISPATCHED.has(method) && args.length === 2 && typeof args[1] === 'function';
  }

  add(kind: DispatchedKind, constraint: unknown, listener: Listener): void {
    const list = this.#listeners.get(kind) ?? [];
    list.push({ constraint, listener });
    this.#listeners.set(kind, list);
  }

  /** Registers with Bolt the one listener of each kind that has any. */
  install(app: App): void {
    const run = (kind: DispatchedKind): Middleware<AnyMiddlewareArgs> => (args) => this.#dispatch(kind, args);
    if (this.#listeners.has('action')) app.action(EVERY, run('action'));
    if (this.#listeners.has('view')) app.view(EVERY, run('view'));
    if (this.#listeners.has('options')) app.options(EVERY, run('options'));
    if (this.#listeners.has('shortcut')) app.shortcut(EVERY, run('shortcut'));
  }

  async #dispatch(kind: DispatchedKind, args: AnyMiddlewareArgs): Promise<void> {
    const request = requestIdsOf(args.body);
    if (request === undefined) return;
    const matching = (this.#listeners.get(kind) ?? []).filter(({ constraint }) => constraintMatches(constraint, request));
    // Like Bolt: every listener that matches runs, together, and all are waited for; one failure is
    // thrown as it is, several as Bolt's MultipleListenerError.
    const settled = await Promise.allSettled(matching.map(({ listener }) => listener(args)));
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason : new Error(String(r.reason))] : []));
    const [only] = failures;
    if (failures.length > 1) throw new MultipleListenerError(failures);
    if (only !== undefined) throw only;
  }
}
