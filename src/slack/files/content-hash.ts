import { createHash } from 'node:crypto';

/**
 * A hash of what a chart is drawn from (series, locale, size), with object keys sorted so that
 * equal data gives an equal hash whatever order its fields were built in.
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  // undefined inside an array (a week without a value) is kept apart from null and from 0.
  return value === undefined ? '"\u0000undefined"' : JSON.stringify(value);
}
