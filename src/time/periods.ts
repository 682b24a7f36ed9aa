/**
 * Period labels as Gtmhub writes them in snapshot `group`s: `2026-11-28` (day), `2026-W48` (ISO
 * week), `2026-11` (month), `2026-Q4` (quarter).
 *
 * Weeks are ISO weeks labelled with the ISO *week-year* (luxon `kkkk-'W'WW`, not `yyyy-'W'WW`):
 * 2021-01-01 belongs to `2020-W53` and 2024-12-30 to `2025-W01`.
 */
import { DateTime } from 'luxon';
import type { GroupBy } from '../gtmhub/types.js';
import { PeriodFormatError } from './errors.js';
import { resolveLocale } from './locale.js';
import { assertUsableZone, toDateTime, type Instant } from './zones.js';

/** A parsed period label: its kind and its first and last calendar days (inclusive). */
export interface Period {
  groupBy: GroupBy;
  label: string;
  /** `YYYY-MM-DD`, the first day of the period. */
  startDate: string;
  /** `YYYY-MM-DD`, the last day of the period (inclusive, as Gtmhub's `to` is). */
  endDate: string;
}

const WEEK_FORMAT = "kkkk-'W'WW";
const LABEL_FORMAT: Record<Exclude<GroupBy, 'quarter'>, string> = {
  day: 'yyyy-MM-dd',
  week: WEEK_FORMAT,
  month: 'yyyy-MM',
};
/** The unit luxon adds when shifting a period by one. */
const STEP: Record<GroupBy, { days?: number; weeks?: number; months?: number }> = {
  day: { days: 1 },
  week: { weeks: 1 },
  month: { months: 1 },
  quarter: { months: 3 },
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q(\d)$/;

/** The label of the period of kind `groupBy` that contains `instant`, as seen in `zone`. */
export function periodOf(instant: Instant, zone: string, groupBy: GroupBy): string {
  return labelOfDate(toDateTime(instant, zone), groupBy);
}

/** The ISO week (`2026-W48`) containing `instant` in `zone`: Sunday night in New York is Monday in Berlin. */
export function isoWeekOf(instant: Instant, zone: string): string {
  return periodOf(instant, zone, 'week');
}

/** Parses a period label; throws `PeriodFormatError` saying what is wrong in one sentence. */
export function parsePeriod(label: string): Period {
  const start = firstDayOf(label);
  const groupBy = kindOf(label);
  const end = start.plus(STEP[groupBy]).minus({ days: 1 });
  return { groupBy, label, startDate: start.toISODate()!, endDate: end.toISODate()! };
}

/** Whether `label` is a period label `parsePeriod` accepts. */
export function isValidPeriod(label: string): boolean {
  try {
    firstDayOf(label);
    return true;
  } catch {
    return false;
  }
}

/** The period `n` steps after `label` (before it when `n` is negative), of the same kind. */
export function shiftPeriod(label: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`shiftPeriod needs a whole number of periods, got ${n}.`);
  const groupBy = kindOf(label);
  const step = STEP[groupBy];
  // Shift from the first day: adding months to the 31st would clamp, the 1st never does.
  const shifted = firstDayOf(label).plus({
    days: (step.days ?? 0) * n,
    weeks: (step.weeks ?? 0) * n,
    months: (step.months ?? 0) * n,
  });
  return labelOfDate(shifted, groupBy);
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
  const { year, month, day } = firstDayOf(label);
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
  return firstDayOf(a).toMillis() - firstDayOf(b).toMillis();
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
  kindOf(label); // validates the label even when nothing is asked for
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

function labelOfDate(date: DateTime, groupBy: GroupBy): string {
  if (groupBy === 'quarter') return `${date.toFormat('yyyy')}-Q${date.quarter}`;
  return date.toFormat(LABEL_FORMAT[groupBy]);
}

function kindOf(label: string): GroupBy {
  if (DAY.test(label)) return 'day';
  if (WEEK.test(label)) return 'week';
  if (MONTH.test(label)) return 'month';
  if (QUARTER.test(label)) return 'quarter';
  throw notAPeriod(label);
}

function assertSameKind(a: string, b: string): void {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) throw new PeriodFormatError(b, `"${a}" is a ${ka} and "${b}" is a ${kb}: compare periods of one kind.`);
}

/** The first day of the period, at midnight UTC (a calendar date, not an instant). */
function firstDayOf(label: string): DateTime {
  let m: RegExpExecArray | null;
  if ((m = DAY.exec(label))) {
    const date = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: 'UTC' });
    if (!date.isValid) {
      throw new PeriodFormatError(label, `"${label}" is not a day: ${describeDayProblem(+m[1]!, +m[2]!, +m[3]!)}.`);
    }
    return date;
  }
  if ((m = WEEK.exec(label))) {
    const weekYear = +m[1]!;
    const week = +m[2]!;
    const weeks = weeksInWeekYear(weekYear);
    if (week < 1 || week > weeks) {
      throw new PeriodFormatError(
        label,
        week >= 1 && week <= 53
          ? `"${label}" is not a week: ${weekYear} has ${weeks} ISO weeks.`
          : `"${label}" is not a week: ISO weeks run from W01 to W52 or W53.`,
      );
    }
    return DateTime.fromObject({ weekYear, weekNumber: week, weekday: 1 }, { zone: 'UTC' });
  }
  if ((m = MONTH.exec(label))) {
    const month = +m[2]!;
    if (month < 1 || month > 12) throw new PeriodFormatError(label, `"${label}" is not a month: months run from 01 to 12.`);
    return DateTime.fromObject({ year: +m[1]!, month, day: 1 }, { zone: 'UTC' });
  }
  if ((m = QUARTER.exec(label))) {
    const quarter = +m[2]!;
    if (quarter < 1 || quarter > 4) throw new PeriodFormatError(label, `"${label}" is not a quarter: quarters run from Q1 to Q4.`);
    return DateTime.fromObject({ year: +m[1]!, month: quarter * 3 - 2, day: 1 }, { zone: 'UTC' });
  }
  throw notAPeriod(label);
}

/** 52 or 53: December 28 always falls in the last ISO week of its year. */
function weeksInWeekYear(weekYear: number): number {
  return DateTime.fromObject({ year: weekYear, month: 12, day: 28 }, { zone: 'UTC' }).weekNumber;
}

function describeDayProblem(year: number, month: number, day: number): string {
  if (month < 1 || month > 12) return 'months run from 01 to 12';
  const days = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).daysInMonth!;
  return `${DateTime.fromObject({ year, month }, { zone: 'UTC' }).toFormat('LLLL yyyy', { locale: 'en-US' })} has ${days} days`;
}

function notAPeriod(label: string): PeriodFormatError {
  return new PeriodFormatError(
    label,
    `"${label}" is not a period: write a day (2026-11-28), a week (2026-W48), a month (2026-11) or a quarter (2026-Q4).`,
  );
}
