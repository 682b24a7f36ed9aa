import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { BackgroundList } from '../../src/people/background-list.js';

/** A load the test settles by hand, so no test races a timer. */
function deferredLoads<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

function list(loads: ReturnType<typeof deferredLoads<string[]>>, clock: { t: number }) {
  const logger = createMemoryLogger();
  return { logger, list: new BackgroundList({ name: 'Things', load: loads.load, logger, maxAgeMs: 1000, now: () => clock.t }) };
}

describe('BackgroundList', () => {
  it('answers at once with nothing before the first load, and starts one load for everybody', () => {
    const loads = deferredLoads<string[]>();
    const { list: things } = list(loads, { t: 0 });
    expect(things.peek()).toBeUndefined();
    expect(things.peek()).toBeUndefined();
    expect(loads.pending).toHaveLength(1);
  });

  it('serves what it read, and reads again in the background only once it is older than maxAgeMs', async () => {
    const loads = deferredLoads<string[]>();
    const clock = { t: 0 };
    const { list: things } = list(loads, clock);
    const first = things.refresh();
    loads.pending[0]!.resolve(['a']);
    await first;
    clock.t = 999;
    expect(things.peek()?.value).toEqual(['a']);
    expect(loads.pending).toHaveLength(1);
    clock.t = 1000;
    expect(things.peek()?.value).toEqual(['a']);
    expect(loads.pending).toHaveLength(2);
    loads.pending[1]!.resolve(['a', 'b']);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(things.peek()?.value).toEqual(['a', 'b']);
  });

  it('keeps the previous list when a load fails, logs it, and does not try again before maxAgeMs', async () => {
    const loads = deferredLoads<string[]>();
    const clock = { t: 0 };
    const { logger, list: things } = list(loads, clock);
    const first = things.refresh();
    loads.pending[0]!.resolve(['a']);
    await first;
    clock.t = 1000;
    things.peek();
    loads.pending[1]!.reject(new Error('Gtmhub is down'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    clock.t = 1500;
    expect(things.peek()?.value).toEqual(['a']);
    expect(loads.pending).toHaveLength(2);
    expect(logger.lines.filter((l) => l.includes('Things could not be read'))).toHaveLength(1);
    clock.t = 2000;
    things.peek();
    expect(loads.pending).toHaveLength(3);
  });

  it('shares one load between concurrent refreshes', () => {
    const loads = deferredLoads<string[]>();
    const { list: things } = list(loads, { t: 0 });
    expect(things.refresh()).toBe(things.refresh());
    expect(loads.pending).toHaveLength(1);
  });
});
