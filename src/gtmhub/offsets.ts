/**
 * UTC offsets as Gtmhub writes them. Gtmhub's snapshot API takes and returns a fixed offset
 * (`timeZone=UTC-2`, `"timeZone": "UTC+3"` in the KPIs reference,
 * developer.gtmhub.com/api-reference/kpis.html), not an IANA name. Which offset applies to a user
 * at an instant is `src/time`'s business (it changes with DST); this file owns the notation.
 */

/** A Gtmhub offset (`UTC+5:30`) or a zone name that cannot be used. */
export class TimeZoneFormatError extends Error {
  readonly code = 'time_zone_format' as const;
  constructor(
    readonly text: string,
    message: string,
  ) {
    super(message);
    this.name = 'TimeZoneFormatError';
  }
}

/** The range of offsets in use on Earth: UTC−12:00 (Baker Island) to UTC+14:00 (Kiritimati). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Gtmhub's notation: hours without padding, minutes only when non-zero and then with two digits.
 * The reference only shows whole hours (`UTC+3`, `UTC-2`); the `:MM` form for half- and
 * quarter-hour zones is our reading of it.
 */
const GTMHUB_OFFSET = /^UTC([+-])(\d{1,2})(?::(\d+))?$/;

/**
 * Gtmhub's notation of an offset given in minutes east of UTC (Slack's `users.info` gives
 * `tz_offset` in seconds: divide by 60 first).
 *
 * Zero is written `UTC+0`: the reference never shows it, and we assume Gtmhub reads it the way it
 * reads `UTC+3`.
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
