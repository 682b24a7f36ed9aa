/**
 * Time zones and instants. Gtmhub's snapshot API takes a fixed UTC offset, not an IANA name
 * (`src/gtmhub/offsets.ts` owns that notation), so the offset that applies to a user must be
 * computed for the instant in question: it changes with DST.
 */
import { DateTime, IANAZone } from 'luxon';
import { TimeZoneFormatError, gtmhubOffsetFromMinutes, isValidGtmhubOffset, parseGtmhubOffset } from '../gtmhub/offsets.js';

/** An instant as callers hold it: a JS Date, epoch milliseconds, or a luxon DateTime. */
export type Instant = Date | number | DateTime;

/**
 * Names already checked. Luxon's `IANAZone.isValidZone` builds an `Intl.DateTimeFormat` per call,
 * and a lookup checks its zone several times: at 32 commands at once that showed as delayed acks
 * (the ack benchmark). Zone names are few, and whether one is valid never changes while we run.
 */
const zoneValidity = new Map<string, boolean>();

/** Whether `zone` is an IANA zone name (`Europe/Berlin`) or `UTC`. */
export function isValidZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    // Bounded: names come from Slack profiles and forms, so a hostile stream cannot grow it forever.
    if (zoneValidity.size < 2_000) zoneValidity.set(zone, valid);
  }
  return valid;
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
