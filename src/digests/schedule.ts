/**
 * When a weekly digest runs and which week it covers. Pure: no clock, no I/O.
 *
 * A slot is a local wall time (`weekday` + `HH:mm`) in the subscription's IANA zone, so 09:00
 * stays 09:00 local across DST. Two wall times need a rule because they do not map to exactly one
 * instant:
 * - in a spring-forward gap (02:30 on 2026-03-08 in New York does not exist) the digest runs at
 *   the first minute that exists after it (03:00 EDT), not luxon's default of shifting by the gap
 *   (03:30);
 * - in a fall-back overlap (01:30 on 2026-11-01 in New York happens twice) it runs once, at the
 *   first occurrence (EDT), not luxon's default of the second.
 */
import { DateTime } from 'luxon';
import { isoWeekOf, previousPeriod } from '../time/periods.js';
import { isValidZone } from '../time/zones.js';
import type { DigestSubscription } from './types.js';

/** What a slot depends on. */
export type DigestSchedule = Pick<DigestSubscription, 'weekday' | 'time' | 'zone'>;

/** A schedule that cannot produce a slot; the message is one sentence for a Slack user. */
export class DigestScheduleError extends Error {
  readonly code = 'digest_schedule_invalid' as const;
  constructor(message: string) {
    super(message);
    this.name = 'DigestScheduleError';
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
/**
 * Wider than any UTC offset (−12 h … +14 h), so sampling the zone's offset this far either side of a
 * wall time sees the offsets in force before and after any transition near it.
 */
const OFFSET_SEARCH_MS = 15 * 60 * MINUTE_MS;

/** Throws `DigestScheduleError` unless weekday is 1–7, time is `HH:mm` (24 h) and zone is an IANA zone. */
export function assertValidSchedule(schedule: DigestSchedule): void {
  if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7) {
    throw new DigestScheduleError(`${schedule.weekday} is not a weekday: use 1 (Monday) to 7 (Sunday).`);
  }
  if (!TIME.test(schedule.time)) {
    throw new DigestScheduleError(`"${schedule.time}" is not a time of day: write it as HH:mm on a 24-hour clock, like 09:00.`);
  }
  if (!isValidZone(schedule.zone)) {
    throw new DigestScheduleError(`"${schedule.zone}" is not a time zone: use an IANA name such as Europe/Berlin.`);
  }
}

/**
 * The first slot strictly after `after`: the next `weekday` at `time` in `zone`, as a UTC instant.
 * Throws `DigestScheduleError` for an invalid schedule.
 */
export function nextRunAt(schedule: DigestSchedule, after: Date): Date {
  assertValidSchedule(schedule);
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const localDay = DateTime.fromJSDate(after, { zone: schedule.zone }).startOf('day');
  // Calendar arithmetic on a UTC date: adding days in the zone itself could land on a skipped midnight.
  const firstDay = DateTime.utc(localDay.year, localDay.month, localDay.day);
  // Eight days cover "this weekday later today" through "the same weekday next week".
  for (let offset = 0; offset <= 8; offset += 1) {
    const day = firstDay.plus({ days: offset });
    if (day.weekday !== schedule.weekday) continue;
    const slot = instantOfWallTime(Date.UTC(day.year, day.month - 1, day.day, hour, minute), schedule.zone);
    if (slot > after.getTime()) return new Date(slot);
  }
  // Unreachable: the weekday comes round within eight days, and at most once in them is at or before `after`.
  throw new DigestScheduleError(`No slot found after ${after.toISOString()} for weekday ${schedule.weekday}.`);
}

/**
 * The week a digest run at `slot` reports on: the last complete ISO week in `zone`, i.e. the week
 * before the slot's own week (`kkkk-'W'WW`: a run on Monday 2027-01-04 covers `2026-W53`).
 */
export function periodForRun(slot: Date, zone: string): string {
  return previousPeriod(isoWeekOf(slot, zone));
}

/**
 * The instant (epoch ms) at which the wall clock of `zone` shows `wallMs` (a wall time written as
 * if it were UTC): the earliest such instant in an overlap, the end of the gap in a gap.
 */
function instantOfWallTime(wallMs: number, zone: string): number {
  const offsets = [...new Set([offsetAt(wallMs - OFFSET_SEARCH_MS, zone), offsetAt(wallMs, zone), offsetAt(wallMs + OFFSET_SEARCH_MS, zone)])];
  const matches = offsets.map((offset) => wallMs - offset).filter((instant) => wallClockAt(instant, zone) === wallMs);
  if (matches.length > 0) return Math.min(...matches);

  // A gap: the wall clock jumps over `wallMs`. Find the first minute whose wall time is past it.
  let low = wallMs - Math.max(...offsets); // wall time before `wallMs`
  let high = wallMs - Math.min(...offsets); // wall time after it
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallClockAt(middle, zone) > wallMs) high = middle;
    else low = middle;
  }
  return high;
}

/** The zone's UTC offset at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).offset * MINUTE_MS;
}

function wallClockAt(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}
