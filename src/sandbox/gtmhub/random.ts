/**
 * Seeded randomness for the simulator: demo data and fault rates must be reproducible run after run,
 * so nothing here touches `Math.random`.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny 32-bit PRNG, plenty for demo data and fault draws (not for anything secret). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** `length` lowercase hex digits. */
export function randomHex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  return out.slice(0, length);
}
