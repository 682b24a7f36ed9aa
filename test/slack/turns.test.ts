import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, QUIET_MS, TurnQueue, type TurnClock } from '../../src/slack/handlers/common/turns.js';

/** A clock moved by hand: `advance` fires the timers that come due. */
function manualClock() {
  let now = 1_000;
  let timers: Array<{ at: number; callback: () => void }> = [];
  const clock: TurnClock = { now: () => now, after: (ms, callback) => void timers.push({ at: now + ms, callback }) };
  return {
    clock,
    advance: (ms: number) => {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.callback();
    },
  };
}

/** Lets the event loop run a few turns (the queue resumes work in `setImmediate`s). */
const turnsPass = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the turns work after an ack waits for', () => {
  it('run at once, in the order queued, one piece per turn, when no request is arriving', async () => {
    const { clock } = manualClock();
    const queue = new TurnQueue(clock);
    const ran: string[] = [];
    const a = queue.takeTurn().then(() => {
      ran.push('a');
      // The piece after it has not run in the same turn: the loop reads requests in between.
      queueMicrotask(() => ran.push(`after a: ${ran.includes('b') ? 'b ran' : 'b waits'}`));
    });
    const b = queue.takeTurn().then(() => void ran.push('b'));
    await Promise.all([a, b]);
    expect(ran).toEqual(['a', 'after a: b waits', 'b']);
  });

  it(`wait while requests arrive, until none has for ${QUIET_MS} ms`, async () => {
    const { clock, advance } = manualClock();
    const queue = new TurnQueue(clock);
    let ran = false;
    queue.noteRequestArrived();
    void queue.takeTurn().then(() => (ran = true));
    await turnsPass();
    expect(ran).toBe(false);
    advance(QUIET_MS - 1);
    queue.noteRequestArrived(); // another request of the burst
    advance(QUIET_MS - 1);
    await turnsPass();
    expect(ran).toBe(false);
    advance(QUIET_MS);
    await turnsPass();
    expect(ran).toBe(true);
  });

  it(`run after ${MAX_WAIT_MS} ms even while requests keep arriving`, async () => {
    const { clock, advance } = manualClock();
    const queue = new TurnQueue(clock);
    let ran = false;
    queue.noteRequestArrived();
    void queue.takeTurn().then(() => (ran = true));
    for (let waited = 0; waited < MAX_WAIT_MS - 1; waited += 1) {
      advance(1);
      queue.noteRequestArrived();
      await turnsPass(1);
    }
    expect(ran).toBe(false);
    advance(1);
    queue.noteRequestArrived();
    await turnsPass();
    expect(ran).toBe(true);
  });
});
