/**
 * Periods seen from a time zone: which week (or day, month, quarter) an instant falls in, when a
 * period starts and ends in a zone, and how a week reads in a digest header. The label syntax and
 * the calendar arithmetic on labels belong to the Gtmhub module (`src/gtmhub/periods.ts`), since
 * the labels are Gtmhub's snapshot `group`s; they are re-exported here for the callers of the time
 * helpers.
 */
import { DateTime } from 'luxon';
import {
  PeriodFormatError,
  firstDayOfPeriod,
  parsePeriod,
  periodKindOf,
  periodLabelOfDate,
  shiftPeriod,
} from '../gtmhub/periods.js';
import type { GroupBy } from '../gtmhub/types.js';
import { resolveLocale } from './locale.js';
import { assertUsableZone, toDateTime, type Instant } from './zones.js';

/** The label of the period of kind `groupBy` that contains `instant`, as seen in `zone`. */
export function periodOf(instant: Instant, zone: string, groupBy: GroupBy): string {
  return periodLabelOfDate(toDateTime(instant, zone), groupBy);
}

/** The ISO week (`2026-W48`) containing `instant` in `zone`: Sunday night in New York is Monday in Berlin. */
export function isoWeekOf(instant: Instant, zone: string): string {
  return periodOf(instant, zone, 'week');
}

export function previousPeriod(label: string): string {
  return shiftPeriod(label, -1);
}

export function nextPeriod(label: string): string {
  return shiftPeriod(label, 1);
}

/** The instant the period starts in `zone`: the start of its first day there. */
export function periodStart(label: string, zone: string): DateTime {
  assertUsableZone(zone);
  const { year, month, day } = firstDayOfPeriod(label);
  // Where midnight is skipped by a DST change (America/Santiago), luxon moves to the first hour that exists.
  return DateTime.fromObject({ year, month, day }, { zone });
}

/** The instant the period ends in `zone` (exclusive): the start of the day after its last day there. */
export function periodEnd(label: string, zone: string): DateTime {
  return periodStart(nextPeriod(label), zone);
}

/** Orders two labels of the same kind: negative when `a` comes first. */
export function comparePeriods(a: string, b: string): number {
  assertSameKind(a, b);
  return firstDayOfPeriod(a).toMillis() - firstDayOfPeriod(b).toMillis();
}

/**
 * Every period from `fromLabel` to `toLabel` inclusive, oldest first; empty when `fromLabel` comes
 * after `toLabel`. Both labels must be of the same kind.
 */
export function periodsBetween(fromLabel: string, toLabel: string): string[] {
  if (comparePeriods(fromLabel, toLabel) > 0) return [];
  const labels = [fromLabel];
  while (labels[labels.length - 1] !== toLabel) labels.push(nextPeriod(labels[labels.length - 1]!));
  return labels;
}

/** `label` and the `n - 1` periods before it, oldest first (the 8-week card and sparkline). */
export function lastNPeriods(label: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`lastNPeriods needs a count of 0 or more, got ${n}.`);
  periodKindOf(label); // validates the label even when nothing is asked for
  if (n === 0) return [];
  return periodsBetween(shiftPeriod(label, -(n - 1)), label);
}

/**
 * A week label as digest headers show it: `Nov 23–29`, or `Dec 28 – Jan 3` when the week spans two
 * months (spaced en dash, as style guides write ranges whose ends contain spaces).
 */
export function formatWeekRange(label: string, locale = 'en-US'): string {
  const { groupBy, startDate, endDate } = parsePeriod(label);
  if (groupBy !== 'week') throw new PeriodFormatError(label, `"${label}" is not a week: write it like 2026-W48.`);
  const loc = resolveLocale(locale);
  const start = DateTime.fromISO(startDate, { zone: 'UTC', locale: loc });
  const end = DateTime.fromISO(endDate, { zone: 'UTC', locale: loc });
  return start.month === end.month
    ? `${start.toFormat('MMM d')}–${end.toFormat('d')}`
    : `${start.toFormat('MMM d')} – ${end.toFormat('MMM d')}`;
}

function assertSameKind(a: string, b: string): void {
  const ka = periodKindOf(a);
  const kb = periodKindOf(b);
  if (ka !== kb) throw new PeriodFormatError(b, `"${a}" is a ${ka} and "${b}" is a ${kb}: compare periods of one kind.`);
}
