/**
 * Bounded waits on an injected clock: the work's answer when it comes first, the fallback when the
 * clock passes the bound first, and nothing left pending either way.
 */
import { describe, expect, it } from 'vitest';
import { systemClock, within } from '../../src/time/clock.js';
import { FakeClock } from '../helpers/fake-clock.js';

const START = '2026-11-25T10:00:00.000Z';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('within', () => {
  it('gives the work’s answer when it comes before the bound, and cancels the bound', async () => {
    const clock = new FakeClock(START);
    const work = deferred<string>();
    const answer = within(clock, 1_500, work.promise, () => 'late');
    expect(clock.pending()).toEqual([1_500]);
    work.resolve('profile');
    expect(await answer).toBe('profile');
    expect(clock.pending()).toEqual([]);
  });

  it('gives the fallback once the bound passes on the clock, however long the work takes', async () => {
    const clock = new FakeClock(START);
    const work = deferred<string>();
    const answer = within(clock, 1_500, work.promise, () => 'late');
    let settled = false;
    void answer.then(() => (settled = true));
    await clock.advance(1_499);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await answer).toBe('late');
    work.resolve('too late');
  });

  it('rejects with what the fallback throws', async () => {
    const clock = new FakeClock(START);
    const answer = within(clock, 8_000, new Promise<never>(() => undefined), () => {
      throw new Error('still loading');
    });
    const refused = expect(answer).rejects.toThrow('still loading');
    await clock.advance(8_000);
    await refused;
  });
});

describe('systemClock', () => {
  it('sleeps until its signal aborts, then rejects with the reason', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(sleeping).rejects.toThrow('deadline');
  });

  it('cancels a callback before it runs', async () => {
    let ran = false;
    const cancel = systemClock.after(1, () => (ran = true));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
  });
});
