/**
 * The clock kpibot reads and waits on wherever time decides behaviour: how long to wait for Slack
 * or Gtmhub before answering without them, and what "now" is. Production uses `systemClock`;
 * tests pass one they move by hand, so that no outcome depends on which real timer fires first.
 */
import { realTimers } from '../gtmhub/clock.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Calls `callback` once `ms` have passed; the returned function cancels it. */
  after: (ms: number, callback: () => void) => () => void;
}

/**
 * Real time: `Date.now` (an instant on the calendar) and Node's timers. The timers are the Gtmhub
 * transport's own (src/gtmhub stands alone and must carry them; kpibot reuses them rather than
 * keeping a second copy).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: realTimers.sleep,
  after: realTimers.after,
};

/** `work`'s result, or `late()`'s when `ms` pass on `clock` first (`work` goes on regardless). */
export async function within<T, L>(clock: Clock, ms: number, work: Promise<T>, late: () => L): Promise<T | L> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<L>((resolve, reject) => {
    cancel = clock.after(ms, () => {
      try {
        resolve(late());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    cancel?.();
  }
}
