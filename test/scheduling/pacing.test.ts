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
    const t = virtualTime();
    const pacer = new Pacer({ now: t.now, sleep: async (ms) => void t.slept.push(ms), postsPerMinute: 600, margin: 0 });
    // Three lanes ask at the same instant: 0, 100 and 200 ms.
    await Promise.all(['C1', 'C2', 'C3'].map((lane) => pacer.waitTurn(lane)));
    expect(t.slept.sort((a, b) => a - b)).toEqual([100, 200]);
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
    expect(calls).toBe(5);
  });
});
