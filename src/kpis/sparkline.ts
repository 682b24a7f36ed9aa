/** A one-line chart of a KPI's recent values, for the details card and the digest. */

const BARS = '▁▂▃▄▅▆▇█';
/** A period without a value: a middle dot keeps the columns aligned without faking a bar. */
const GAP = '·';
/** All values equal: a flat line at mid height, neither "at the bottom" nor "at the top". */
const FLAT = BARS[3]!;

/** `sparkline([1, 5, null, 8])` → `▁▅·█`; empty input gives `''`. */
export function sparkline(values: ReadonlyArray<number | null | undefined>): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const range = max - min;
  let line = '';
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) line += GAP;
    else if (range === 0) line += FLAT;
    else line += BARS[Math.round(((v - min) / range) * (BARS.length - 1))]!;
  }
  return line;
}
