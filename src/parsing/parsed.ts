/**
 * What every codec of outside input returns (what Slack sends, JSON read back from the database):
 * the typed value, or one sentence saying what was wrong (for the log, or for the user where the
 * caller says so). Codecs never throw on bad input: a forged, fuzzed, outdated or corrupted value
 * is an ordinary value here. This folder imports nothing of kpibot's, so any layer can use it.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; blockId?: string };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function invalid(error: string, blockId?: string): { ok: false; error: string; blockId?: string } {
  return blockId === undefined ? { ok: false, error } : { ok: false, error, blockId };
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with something in it, else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The JSON object in `text`, which kpibot itself wrote where it comes back from (Slack's metadata
 * and button values, a database column) and which may come back changed. At most `max`
 * characters: anything longer is not what kpibot wrote.
 */
export function jsonObjectIn(text: unknown, what: string, max: number): Parsed<Record<string, unknown>> {
  if (typeof text !== 'string') return invalid(`${what} is not text`);
  if (text.length > max) return invalid(`${what} is longer than Slack allows (${text.length} > ${max} characters)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(`${what} is not JSON`);
  }
  return isRecord(value) ? parsed(value) : invalid(`${what} is not a JSON object`);
}
