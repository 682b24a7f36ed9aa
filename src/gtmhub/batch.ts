/**
 * Calls that take a list of ids in the URL (`ids=a,b,c`): split the list so every URL stays short,
 * fetch the batches a few at a time, and merge the answers in the order of the batches.
 */
import { encodeQueryValue } from './url.js';

export interface BatchLimits {
  /** Most ids in one batch. */
  maxIds: number;
  /** Most characters of the encoded, comma-joined ids of one batch. */
  maxEncodedChars: number;
}

/** The ids once each, in first-seen order. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Splits de-duplicated `ids` into batches within both limits. An id longer than
 * `maxEncodedChars` on its own still gets a batch of its own (the server will say what it thinks).
 */
export function batchIds(ids: readonly string[], limits: BatchLimits): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let currentChars = 0;
  for (const id of uniqueIds(ids)) {
    const chars = encodeQueryValue(id).length;
    const withComma = current.length === 0 ? chars : currentChars + 1 + chars;
    if (current.length > 0 && (current.length >= limits.maxIds || withComma > limits.maxEncodedChars)) {
      batches.push(current);
      current = [];
      currentChars = 0;
    }
    currentChars = current.length === 0 ? chars : currentChars + 1 + chars;
    current.push(id);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * `work` over every item with at most `concurrency` running at once; results in input order.
 * The first failure rejects, and no further items are started after it.
 */
export async function mapWithConcurrency<I, O>(
  items: readonly I[],
  concurrency: number,
  work: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as I, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
