/**
 * How the store keeps instants: ISO-8601 UTC text with milliseconds, `2026-11-28T20:15:00.000Z`,
 * in both dialects.
 *
 * Why text and not `timestamptz`/`datetime`: one representation means repositories have no
 * dialect branches, and SQLite has no date type anyway. Why not epoch milliseconds: `pg` returns
 * `bigint` as a string, and ISO text stays readable in `psql`/`sqlite3` when an operator looks
 * at a row. `Date#toISOString()` always yields this fixed 24-character shape (for years
 * 0000–9999), so lexicographic order is chronological order; the PostgreSQL columns use the
 * "C" collation so that this holds whatever the database's locale.
 */
export type StoredInstant = string;

export function toStoredInstant(date: Date): StoredInstant {
  return date.toISOString();
}

export function fromStoredInstant(text: StoredInstant): Date {
  return new Date(text);
}
