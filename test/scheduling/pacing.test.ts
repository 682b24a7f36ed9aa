import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/scheduling/pacing.js';

/** A clock that a sleep moves forward, as a real one would: each test decides its outcome by its numbers. */
function virtualTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    slept,
    sleep: async (ms: number) => {
      slept.push(ms);
      now = Math.max(now, now + ms);
    },
    set: (t: number) => {
      now = t;
    },
  };
}

/** Discrete events: sleeps end in the order of their ends, and `now` is the end of the one ending. */
function eventClock() {
  let now = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    async run(work: Promise<unknown>): Promise<void> {
      let done = false;
      void work.then(() => (done = true));
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (next) {
          now = Math.max(now, next.at);
          next.resolve();
        }
      }
      await work;
    },
  };
}

describe('Pacer', () => {
  it('spaces posts to one lane by the interval plus its margin, counted from when each left', async () => {
    const t = virtualTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep, perLaneIntervalMs: 1000, margin: 0.05 });
    await pacer.waitTurn('C1');
    pacer.sent('C1');
    await pacer.waitTurn('C1');
    expect(t.now()).toBe(1050);
    // Another lane is not held up by C1's pace.
    pacer.sent('C1');
    await pacer.waitTurn('C2');
    expect(t.now()).toBe(1050);
  });

  it('gives concurrent lanes distinct slots of the workspace pace, reserved before they sleep', async () => {
    const t = eventClock();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep, postsPerMinute: 600, margin: 0 });
    const sentAt: number[] = [];
    // Three lanes ask at the same instant: they go at 0, 100 and 200 ms.
    await t.run(Promise.all(['C1', 'C2', 'C3'].map(async (lane) => {
      await pacer.waitTurn(lane);
      sentAt.push(t.now());
    })));
    expect(sentAt).toEqual([0, 100, 200]);
  });

  it('lets a late timer’s post wait out the gap after the one before, so two never leave together', async () => {
    let now = 0;
    const slept: number[] = [];
    // A busy event loop: both sleepers wake only at 250 ms.
    const pacer = new Pacer({ now: () => now, sleep: async (ms) => void slept.push(ms), postsPerMinute: 600, margin: 0 });
    await pacer.waitTurn('C0');
    // Slots 100 and 200: both sleep, and both timers fire late, at 250 ms.
    const first = pacer.waitTurn('C1');
    const second = pacer.waitTurn('C2');
    now = 250;
    await first;
    await second;
    // Their slot sleeps, then the second waits the 100 ms since the first was let go at 250.
    expect(slept).toEqual([100, 200, 100]);
  });

  it('holds back every lane’s posts after a 429 on a post, and not the lookups', async () => {
    const t = virtualTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    pacer.rateLimited('C1', 3000, 'post');
    await pacer.waitTurn('C2', 'lookup');
    expect(t.now()).toBe(0);
    await pacer.waitTurn('C2', 'post');
    expect(t.now()).toBe(3000);
  });

  it('waits again when a 429 arrives while a call sleeps, and only once for it', async () => {
    const t = virtualTime();
    let first = true;
    const pacer: Pacer = new Pacer({
      now: t.now,
      sleep: async (ms) => {
        await t.sleep(ms);
        if (first) {
          first = false;
          pacer.rateLimited('C9', 5000);
        }
      },
      perLaneIntervalMs: 1000,
      margin: 0,
    });
    pacer.sent('C1');
    await pacer.waitTurn('C1');
    expect(t.slept).toEqual([1000, 5000]);
    expect(t.now()).toBe(6000);
  });

  it('never spins with a clock that a sleep does not move (tests that record sleeps)', async () => {
    let calls = 0;
    const pacer = new Pacer({ now: () => 0, sleep: async () => void (calls += 1), postsPerMinute: 500 });
    pacer.rateLimited('C1', 2000);
    for (let i = 0; i < 5; i += 1) await pacer.waitTurn('C1');
    // At most the turn's sleep and the gap's, per call.
    expect(calls).toBeLessThanOrEqual(10);
  });
});
