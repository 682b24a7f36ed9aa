/**
 * The timers the transport runs on: the call's deadline, the waits between attempts (backoff and
 * `Retry-After`) and the time left. Injectable so that tests decide when a deadline passes instead
 * of racing a real timer against a slow server. This module stands alone, so it declares the
 * little it needs; any clock with these three members (kpibot's `Clock`) fits.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

export interface GtmhubClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Calls `callback` once `ms` have passed; the returned function cancels it. */
  after: (ms: number, callback: () => void) => () => void;
}

/** Node's own timers; `now` is monotonic (a wall-clock step must not shorten a deadline). */
export const realTimers: GtmhubClock = {
  now: () => performance.timeOrigin + performance.now(),
  // Node rejects with an AbortError whose cause is the reason; callers get the reason itself.
  sleep: (ms, signal) =>
    sleepFor(ms, undefined, signal ? { signal } : {}).catch((error: unknown) => {
      throw signal?.aborted ? signal.reason : error;
    }),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
