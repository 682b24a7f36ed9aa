/** Splitting id lists for URLs and running batches with bounded concurrency. */
import { describe, expect, it } from 'vitest';
import { batchIds, mapWithConcurrency, uniqueIds } from '../../src/gtmhub/batch.js';

const mongoId = (i: number) => i.toString(16).padStart(24, '0');

describe('batchIds', () => {
  it('keeps each id once, in first-seen order', () => {
    expect(uniqueIds(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    expect(batchIds(['b', 'a', 'b'], { maxIds: 10, maxEncodedChars: 100 })).toEqual([['b', 'a']]);
  });

  it('splits by count', () => {
    const ids = Array.from({ length: 130 }, (_, i) => mongoId(i));
    const batches = batchIds(ids, { maxIds: 60, maxEncodedChars: 10_000 });
    expect(batches.map((b) => b.length)).toEqual([60, 60, 10]);
    expect(batches.flat()).toEqual(ids);
  });

  it('splits by encoded length, counting commas and percent-escapes', () => {
    const ids = ['a/b', 'c/d', 'e/f']; // each encodes to 5 characters: a%2Fb
    expect(batchIds(ids, { maxIds: 10, maxEncodedChars: 11 })).toEqual([['a/b', 'c/d'], ['e/f']]);
  });

  it('gives an id longer than the limit a batch of its own', () => {
    expect(batchIds(['x'.repeat(50), 'y'], { maxIds: 10, maxEncodedChars: 20 })).toEqual([['x'.repeat(50)], ['y']]);
  });
});

describe('mapWithConcurrency', () => {
  it('returns results in input order whatever order they finish in', async () => {
    const release: Array<() => void> = [];
    const run = mapWithConcurrency(['a', 'b', 'c'], 3, (item) => new Promise<string>((resolve) => release.push(() => resolve(item))));
    // Finish last-started first.
    for (const finish of [...release].reverse()) finish();
    expect(await run).toEqual(['a', 'b', 'c']);
  });

  it('never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    await mapWithConcurrency(Array.from({ length: 12 }, (_, i) => i), 4, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      running--;
    });
    expect(most).toBe(4);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = mapWithConcurrency([0, 1, 2, 3, 4], 1, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('batch 1 failed');
      return i;
    });
    await expect(run).rejects.toThrow('batch 1 failed');
    expect(started).toEqual([0, 1]);
  });
});
