import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, run before each timed side: otherwise the garbage one side leaves
 * (the naive search allocates a million strings per round) is collected, and charged, while the
 * other side runs. `npm run bench` has no `--expose-gc`, so the flag is set at run time; a fresh
 * context then sees the `gc` global. Undefined when the runtime refuses.
 */
export function garbageCollector(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** The paired options every benchmark uses: its rounds, with a collection before each timed side. */
export function pairedOptionsFor(settings: { rounds: number }): { rounds: number; beforeEach?: () => void } {
  const gc = garbageCollector();
  return gc ? { rounds: settings.rounds, beforeEach: gc } : { rounds: settings.rounds };
}
