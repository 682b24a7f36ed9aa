/**
 * `runInLanes`: one item at a time per lane, in order, and at most `concurrency` lanes at once —
 * the shape issue 13's paced concurrent delivery plugs into. Work is held open with promises the
 * test settles, never with timers.
 */
import { describe, expect, it } from 'vitest';
import { runInLanes } from '../../src/scheduling/lanes.js';

interface Item {
  lane: string;
  n: number;
}

/** Runs `items` with work that waits until the test releases it; records starts and finishes. */
function held(items: Item[], concurrency: number) {
  const started: string[] = [];
  const finished: string[] = [];
  const release = new Map<string, () => void>();
  const done = runInLanes(
    items,
    (item) => item.lane,
    async (item) => {
      const name = `${item.lane}${item.n}`;
      started.push(name);
      await new Promise<void>((resolve) => release.set(name, resolve));
      finished.push(name);
    },
    concurrency,
  );
  const settle = async (name: string): Promise<void> => {
    release.get(name)!();
    // Let the released work and the next item's start run.
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return { started, finished, settle, done };
}

const ITEMS: Item[] = [
  { lane: 'a', n: 1 },
  { lane: 'b', n: 1 },
  { lane: 'a', n: 2 },
  { lane: 'c', n: 1 },
  { lane: 'b', n: 2 },
];

describe('runInLanes', () => {
  it('with one lane at a time, runs everything in a row in the order given (pacing waits of one lane fall between the others)', async () => {
    const run = held(ITEMS, 1);
    for (const name of ['a1', 'b1', 'a2', 'c1', 'b2']) {
      await Promise.resolve();
      expect(run.started).toEqual([...run.finished, name]);
      await run.settle(name);
    }
    await run.done;
    expect(run.finished).toEqual(['a1', 'b1', 'a2', 'c1', 'b2']);
  });

  it('with two lanes at a time, never runs two items of one lane at once nor more than two lanes', async () => {
    const run = held(ITEMS, 2);
    await Promise.resolve();
    expect(run.started).toEqual(['a1', 'b1']);
    await run.settle('b1');
    expect(run.started).toEqual(['a1', 'b1', 'b2']);
    await run.settle('a1');
    expect(run.started).toEqual(['a1', 'b1', 'b2', 'a2']);
    await run.settle('b2');
    expect(run.started).toEqual(['a1', 'b1', 'b2', 'a2', 'c1']);
    await run.settle('a2');
    await run.settle('c1');
    await run.done;
    expect(run.finished).toEqual(['b1', 'a1', 'b2', 'a2', 'c1']);
  });
});
