/**
 * A clock that tests move by hand, for kpibot's `Clock` (and the Gtmhub transport's timers).
 *
 * - `now()` stands still until the test calls `advance`/`set`: no test depends on the real date.
 * - Deadlines and bounded waits (`after`) fire only when the test advances past them, in due
 *   order, so which of two waits gives up first is decided by their lengths, never by a race.
 * - `sleep` (the transport's backoff and `Retry-After` waits) passes at once without moving `now`,
 *   and is recorded in `slept`: such a wait only postpones a retry, and a test that cares about its
 *   length reads it there instead of spending real time on it.
 */
import type { Clock } from '../../src/time/clock.js';

interface Timer {
  dueAt: number;
  order: number;
  callback: () => void;
}

/** Lets promise continuations and ready I/O callbacks run before the next timer fires. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #order = 0;
  /** Every `sleep` asked for, in ms, in order. */
  readonly slept: number[] = [];

  constructor(start: number | string) {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
    if (Number.isNaN(this.#now)) throw new Error(`FakeClock: "${String(start)}" is not an instant`);
  }

  // Arrow properties: kpibot may pass `clock.now` around as a bare function.
  readonly now = (): number => this.#now;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    this.slept.push(ms);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      setImmediate(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  };

  readonly after = (ms: number, callback: () => void): (() => void) => {
    const timer: Timer = { dueAt: this.#now + Math.max(0, ms), order: this.#order++, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  };

  /** Moves `now` forward by `ms`, firing every timer due by then in due order (each at its due time). */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`FakeClock: cannot advance by ${ms} ms`);
    const target = this.#now + ms;
    for (;;) {
      const next = this.#timers.filter((t) => t.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.dueAt;
      next.callback();
      await turn();
    }
    this.#now = target;
  }

  /** Moves `now` to `instant` (never backwards), firing what falls due on the way. */
  async set(instant: number | string): Promise<void> {
    const to = typeof instant === 'number' ? instant : Date.parse(instant);
    await this.advance(to - this.#now);
  }

  /** How long each pending timer has left, shortest first. */
  pending(): number[] {
    return this.#timers.map((t) => t.dueAt - this.#now).sort((a, b) => a - b);
  }

  /**
   * Resolves once kpibot waits exactly `ms` on this clock — `count` such waits, and nothing else
   * due within `ms` — so that advancing by `ms` ends exactly the wait the test means, never the
   * deadline of a call that is merely still in flight. Fails after `withinMs` of real time,
   * naming what is pending instead.
   */
  async waiting(ms: number, { count = 1, withinMs = 10_000 }: { count?: number; withinMs?: number } = {}): Promise<void> {
    const giveUpAt = Date.now() + withinMs;
    const ready = (): boolean => {
      const due = this.pending().filter((left) => left <= ms);
      return due.length === count && due.every((left) => left === ms);
    };
    while (!ready()) {
      if (Date.now() > giveUpAt) {
        throw new Error(`FakeClock: expected ${count} wait(s) of ${ms} ms and none shorter within ${withinMs} ms; pending: [${this.pending().join(', ')}]`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** `waiting(ms)`, then `advance(ms)`: lets exactly that wait run out. */
  async runOut(ms: number, options: { count?: number } = {}): Promise<void> {
    await this.waiting(ms, options);
    await this.advance(ms);
  }
}

/** What an aborted wait rejects with: the signal's reason (an Error when AbortController.abort() gave none). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
