import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/slack/files/content-hash.js';
import { destinationKey } from '../../../src/slack/files/destination.js';
import { UploadCache } from '../../../src/slack/files/upload-cache.js';

describe('the re-use key of an uploaded chart', () => {
  it('is the same for equal data built in another key order', () => {
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
  });

  it('tells a week without a value from a zero and from null', () => {
    const hashes = [undefined, 0, null].map((value) => contentHash({ weeks: [{ period: '2026-W48', value }] }));
    expect(new Set(hashes).size).toBe(3);
  });

  it('tells a channel from a thread in it and from a person', () => {
    const keys = [
      destinationKey({ kind: 'conversation', channel: 'C1' }),
      destinationKey({ kind: 'conversation', channel: 'C1', threadTs: '1.000001' }),
      destinationKey({ kind: 'person', userId: 'U1' }),
    ];
    expect(new Set(keys).size).toBe(3);
  });
});

describe('UploadCache', () => {
  it('forgets the least recently used entry beyond its size', async () => {
    const cache = new UploadCache<string>(2);
    cache.set('a', Promise.resolve('A'));
    cache.set('b', Promise.resolve('B'));
    await cache.get('a'); // a is now the most recently used
    cache.set('c', Promise.resolve('C'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('A');
    expect(await cache.get('c')).toBe('C');
  });
});
