/**
 * Time zones as Gtmhub writes them. Gtmhub's snapshot API takes and returns a fixed UTC offset
 * (`timeZone=UTC-2`, `"timeZone": "UTC+3"` in the API reference), not an IANA name, so the offset
 * that applies to a user must be computed for the instant in question: it changes with DST.
 */
import { DateTime, IANAZone } from 'luxon';
import { TimeZoneFormatError } from './errors.js';

/** An instant as callers hold it: a JS Date, epoch milliseconds, or a luxon DateTime. */
export type Instant = Date | number | DateTime;

/** The range of offsets in use on Earth: UTC−12:00 (Baker Island) to UTC+14:00 (Kiritimati). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Gtmhub's notation: hours without padding, minutes only when non-zero and then with two digits.
 * The reference only shows whole hours (`UTC+3`, `UTC-2`); the `:MM` form for half- and
 * quarter-hour zones is our reading of it.
 */
const GTMHUB_OFFSET = /^UTC([+-])(\d{1,2})(?::(\d+))?$/;

/** Whether `zone` is an IANA zone name (`Europe/Berlin`) or `UTC`. */
export function isValidZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/**
 * The UTC offset of `zone` at `instant`, in Gtmhub's notation: `UTC+3`, `UTC-4`, `UTC+5:30`,
 * `UTC+12:45`. DST-aware (America/New_York is `UTC-5` in January, `UTC-4` in July).
 */
export function gtmhubOffset(zone: string, instant: Instant): string {
  // Rounded because pre-1900 local mean times have offsets in seconds that no UTC±H:MM can write.
  return gtmhubOffsetFromMinutes(Math.round(toDateTime(instant, zone).offset));
}

/**
 * Gtmhub's notation of an offset given in minutes east of UTC (Slack's `users.info` gives
 * `tz_offset` in seconds: divide by 60 first).
 *
 * Zero is written `UTC+0`: the reference never shows it, and we assume Gtmhub reads it the way it
 * reads `UTC+3` (luxon reads it as UTC too).
 */
export function gtmhubOffsetFromMinutes(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < MIN_OFFSET_MINUTES || minutes > MAX_OFFSET_MINUTES) {
    throw new TimeZoneFormatError(
      String(minutes),
      `${minutes} minutes is not a UTC offset: offsets are whole minutes between -720 (UTC-12) and +840 (UTC+14).`,
    );
  }
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return rest === 0 ? `UTC${sign}${hours}` : `UTC${sign}${hours}:${String(rest).padStart(2, '0')}`;
}

/** Minutes east of UTC of a Gtmhub offset (`UTC+5:30` → 330); throws `TimeZoneFormatError`. */
export function parseGtmhubOffset(text: string): number {
  const match = GTMHUB_OFFSET.exec(text);
  if (!match) {
    throw new TimeZoneFormatError(
      text,
      text.trim() === ''
        ? 'The UTC offset is empty: write it like UTC+3, UTC-2 or UTC+5:30.'
        : `"${text}" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.`,
    );
  }
  const [, sign, hoursText, minutesText] = match as unknown as [string, string, string, string | undefined];
  if (minutesText !== undefined && minutesText.length !== 2) {
    throw new TimeZoneFormatError(text, `"${text}" is not a UTC offset: write the minutes with two digits, like UTC+5:30.`);
  }
  const hours = Number(hoursText);
  const mins = minutesText === undefined ? 0 : Number(minutesText);
  if (mins > 59) {
    throw new TimeZoneFormatError(text, `"${text}" is not a UTC offset: the minutes must be between 00 and 59.`);
  }
  const total = (sign === '-' ? -1 : 1) * (hours * 60 + mins);
  if (total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES) {
    throw new TimeZoneFormatError(text, `"${text}" is not a UTC offset: offsets run from UTC-12 to UTC+14.`);
  }
  return total === 0 ? 0 : total; // `UTC-0` is UTC, not -0
}

/** Whether `text` is a Gtmhub offset `parseGtmhubOffset` accepts. */
export function isValidGtmhubOffset(text: string): boolean {
  try {
    parseGtmhubOffset(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A luxon zone name for a Gtmhub offset (`UTC+05:30` → `UTC+5:30`), usable wherever the time
 * helpers take a zone. Luxon reads `UTC±H[:MM]` as a fixed-offset zone.
 */
export function fixedZoneOf(offset: string): string {
  return gtmhubOffsetFromMinutes(parseGtmhubOffset(offset));
}

/**
 * `instant` seen in `zone`: an IANA name, `UTC`, or a fixed offset in Gtmhub's notation (what
 * `fixedZoneOf` returns). Throws `TimeZoneFormatError` for anything else, rather than letting luxon
 * return an invalid DateTime that would print as "Invalid DateTime" in Slack.
 */
export function toDateTime(instant: Instant, zone: string): DateTime {
  const base = DateTime.isDateTime(instant)
    ? instant
    : typeof instant === 'number'
      ? DateTime.fromMillis(instant)
      : DateTime.fromJSDate(instant);
  if (!base.isValid) {
    throw new TimeZoneFormatError(zone, `${String(instant)} is not a valid instant.`);
  }
  assertUsableZone(zone);
  return base.setZone(zone);
}

/** Throws `TimeZoneFormatError` unless `isUsableZone(zone)`. */
export function assertUsableZone(zone: string): void {
  if (!isUsableZone(zone)) {
    throw new TimeZoneFormatError(
      zone,
      `"${zone}" is not a time zone: use an IANA name such as Europe/Berlin or an offset such as UTC+5:30.`,
    );
  }
}

/** Zones the time helpers accept: IANA names, `UTC`, and Gtmhub offsets (`UTC+5:30`). */
export function isUsableZone(zone: string): boolean {
  // Luxon would also read `UTC+99` as a fixed zone; Gtmhub offsets go through our stricter parser.
  return zone.startsWith('UTC') && zone !== 'UTC' ? isValidGtmhubOffset(zone) : isValidZone(zone);
}
