/**
 * When the next call may go out, at the pace the platform allows: per lane (a channel: Slack takes
 * about one post per second), across the workspace (a steady number of posts per minute), and per
 * method after a 429 (its Retry-After holds back every lane's calls of that method, since the limit
 * that answered may be the workspace's). The core asks `waitTurn` right before each call (then
 * renews the claim), notes the call with `sent`, and reports a 429 with `rateLimited`.
 *
 * Concurrent workers share one pacer: `waitTurn` reserves its slot of the workspace pace before it
 * sleeps, so that two lanes never take the same slot. The intervals carry a small margin over the
 * platform's own numbers, so that a few milliseconds of jitter between sending and Slack's clock
 * do not cost a 429 and its whole-second Retry-After.
 */

/** What a call does: a post, or a look into a lane (recovery after a crash). Each has its own 429 backoff. */
export type PacedMethod = 'post' | 'lookup';

export interface PaceLimits {
  /** The least time between two posts to one lane. Default 1000 ms (Slack's one per second per channel). */
  perLaneIntervalMs?: number;
  /** Posts per minute across all lanes; unset: no workspace pace. */
  postsPerMinute?: number;
  /** How much slower than the limits to go, as a fraction (default 0.05: 5 %). */
  margin?: number;
}

export interface PacerOptions extends PaceLimits {
  now: () => number;
  /** Waits `ms`; tests pass one that advances their clock instead. */
  sleep: (ms: number) => Promise<void>;
}

export class Pacer {
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #laneInterval: number;
  /** Between two posts anywhere; 0 without a workspace pace. */
  readonly #postInterval: number;
  /** When each lane may next be posted to. */
  readonly #laneNotBefore = new Map<string, number>();
  /** When each method may next be called, after a 429. */
  readonly #methodNotBefore = new Map<PacedMethod, number>();
  /** The next free slot of the workspace pace. */
  #nextPostSlot = 0;
  /** When the last post was let go: timers that fire late together must not send two posts at once. */
  #lastPostAt: number | undefined;

  constructor(options: PacerOptions) {
    this.#now = options.now;
    this.#sleep = options.sleep;
    const slower = 1 + (options.margin ?? 0.05);
    this.#laneInterval = Math.ceil((options.perLaneIntervalMs ?? 1000) * slower);
    this.#postInterval = options.postsPerMinute === undefined ? 0 : Math.ceil((60_000 / options.postsPerMinute) * slower);
  }

  /**
   * Waits until `lane` may be called with `method`: its own pace, the method's backoff, and for a
   * post a slot of the workspace pace (reserved before sleeping). The wait may be long: renew
   * claims after it.
   */
  async waitTurn(lane: string, method: PacedMethod = 'post'): Promise<void> {
    for (;;) {
      const now = this.#now();
      let at = Math.max(now, this.#laneNotBefore.get(lane) ?? 0, this.#methodNotBefore.get(method) ?? 0);
      if (method === 'post' && this.#postInterval > 0) {
        at = Math.max(at, this.#nextPostSlot);
        this.#nextPostSlot = at + this.#postInterval;
      }
      if (at > now) await this.#sleep(at - now);
      // A 429 that came in while this call slept pushes it back too (once per new Retry-After).
      if ((this.#methodNotBefore.get(method) ?? 0) > at) continue;
      if (method === 'post' && this.#postInterval > 0) await this.#keepPostGap();
      return;
    }
  }

  /**
   * Slots are reserved in advance, but a busy event loop can fire two sleepers' timers at once:
   * the later post then waits out what is left of the interval since the one before (once: a
   * clock that a sleep does not move must not make this spin).
   */
  async #keepPostGap(): Promise<void> {
    const gap = this.#lastPostAt === undefined ? 0 : this.#lastPostAt + this.#postInterval - this.#now();
    this.#lastPostAt = this.#now() + Math.max(0, gap);
    if (gap > 0) await this.#sleep(gap);
  }

  /** A call to the lane went out at `at` (default now): the lane's next post waits the interval from then. */
  sent(lane: string, at: number = this.#now()): void {
    this.#laneNotBefore.set(lane, Math.max(this.#laneNotBefore.get(lane) ?? 0, at + this.#laneInterval));
  }

  /** The platform answered 429: the lane and every call of `method` wait `retryAfterMs`. */
  rateLimited(lane: string, retryAfterMs: number, method: PacedMethod = 'post'): void {
    const until = this.#now() + retryAfterMs;
    this.#laneNotBefore.set(lane, Math.max(this.#laneNotBefore.get(lane) ?? 0, until));
    this.#methodNotBefore.set(method, Math.max(this.#methodNotBefore.get(method) ?? 0, until));
  }
}
