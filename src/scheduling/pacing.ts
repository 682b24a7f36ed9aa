/**
 * Pacing hooks: when a lane (a channel) may next be posted to. Slack allows about one message per
 * second per channel, and a 429's Retry-After pushes the lane's next turn further. The core asks
 * `waitTurn` right before each post (then renews the claim) and reports what happened (`posted`,
 * `rateLimited`); how many lanes run at once is the engine's `laneConcurrency` (`lanes.ts`, 1 today).
 *
 * Where issue 13's paced concurrent delivery plugs in without reshaping the core: raise
 * `laneConcurrency`; a workspace-wide or per-method Retry-After is one more `notBefore` here that
 * `waitTurn` also honours; claims of items still queued behind their lane are renewed by the
 * worker that holds them (every post already renews right before it is sent).
 */

export interface PacerOptions {
  now: () => number;
  /** Waits `ms`; tests pass one that advances their clock instead. */
  sleep: (ms: number) => Promise<void>;
  /** The least time between two posts to one lane. Default 1000 ms (Slack's one per second per channel). */
  minIntervalPerLaneMs?: number;
}

export class Pacer {
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #interval: number;
  /** When each lane may next be posted to. */
  readonly #notBefore = new Map<string, number>();

  constructor(options: PacerOptions) {
    this.#now = options.now;
    this.#sleep = options.sleep;
    this.#interval = options.minIntervalPerLaneMs ?? 1000;
  }

  /** Waits until `lane` may be posted to. The wait may be long: renew claims after it. */
  async waitTurn(lane: string): Promise<void> {
    const wait = (this.#notBefore.get(lane) ?? 0) - this.#now();
    if (wait > 0) await this.#sleep(wait);
  }

  /** A post reached the lane: the next one waits the interval. */
  posted(lane: string): void {
    this.#notBefore.set(lane, this.#now() + this.#interval);
  }

  /** The platform asked to wait before calling again for this lane. */
  rateLimited(lane: string, retryAfterMs: number): void {
    this.#notBefore.set(lane, this.#now() + retryAfterMs);
  }
}
