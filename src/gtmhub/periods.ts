/**
 * Period labels as Gtmhub writes them in snapshot `group`s: `2026-11-28` (day), `2026-W48` (ISO
 * week), `2026-11` (month), `2026-Q4` (quarter). The week label is the one the reference shows in
 * its snapshot-create sample (`2022-W36`); the others are our reading (see `GROUP_BY_VALUES`).
 *
 * This file owns the label syntax and its calendar arithmetic (labels are calendar periods, not
 * instants); `src/time` builds the zone-aware helpers (which week is it now in Berlin?) on top.
 *
 * Weeks are ISO weeks labelled with the ISO *week-year* (luxon `kkkk-'W'WW`, not `yyyy-'W'WW`):
 * 2021-01-01 belongs to `2020-W53` and 2024-12-30 to `2025-W01`.
 */
import { DateTime } from 'luxon';
import type { GroupBy } from './types.js';

/** A period label (`2026-W48`, `2026-11`, …) that is malformed or names a period that does not exist. */
export class PeriodFormatError extends Error {
  readonly code = 'period_format' as const;
  constructor(
    readonly label: string,
    message: string,
  ) {
    super(message);
    this.name = 'PeriodFormatError';
  }
}

/** A parsed period label: its kind and its first and last calendar days (inclusive). */
export interface Period {
  groupBy: GroupBy;
  label: string;
  /** `YYYY-MM-DD`, the first day of the period. */
  startDate: string;
  /** `YYYY-MM-DD`, the last day of the period (inclusive, as Gtmhub's `to` is). */
  endDate: string;
}

const LABEL_FORMAT: Record<Exclude<GroupBy, 'quarter'>, string> = {
  day: 'yyyy-MM-dd',
  week: "kkkk-'W'WW",
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

/** Parses a period label; throws `PeriodFormatError` saying what is wrong in one sentence. */
export function parsePeriod(label: string): Period {
  const start = firstDayOfPeriod(label);
  const groupBy = periodKindOf(label);
  const end = start.plus(STEP[groupBy]).minus({ days: 1 });
  return { groupBy, label, startDate: start.toISODate()!, endDate: end.toISODate()! };
}

/** Whether `label` is a period label `parsePeriod` accepts. */
export function isValidPeriod(label: string): boolean {
  try {
    firstDayOfPeriod(label);
    return true;
  } catch {
    return false;
  }
}

/** The period `n` steps after `label` (before it when `n` is negative), of the same kind. */
export function shiftPeriod(label: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`shiftPeriod needs a whole number of periods, got ${n}.`);
  const key = `${label}|${n}`;
  const known = SHIFTED.get(key);
  if (known !== undefined) return known;
  const groupBy = periodKindOf(label);
  const step = STEP[groupBy];
  // Shift from the first day: adding months to the 31st would clamp, the 1st never does.
  const shifted = firstDayOfPeriod(label).plus({
    days: (step.days ?? 0) * n,
    weeks: (step.weeks ?? 0) * n,
    months: (step.months ?? 0) * n,
  });
  const result = periodLabelOfDate(shifted, groupBy);
  if (SHIFTED.size >= SHIFTED_MAX) SHIFTED.clear();
  SHIFTED.set(key, result);
  return result;
}

/**
 * Shifts already computed: a label's neighbours never change, and every lookup, card and digest asks
 * for the same few (this week and the 7 before it) — each a luxon date built and formatted (about
 * 20 µs), 8 per card and 10 cards per `/kpi` command. Bounded, and simply emptied when full.
 */
const SHIFTED = new Map<string, string>();
const SHIFTED_MAX = 10_000;

/** The label of the period of kind `groupBy` that contains the calendar day of `date`. */
export function periodLabelOfDate(date: DateTime, groupBy: GroupBy): string {
  if (groupBy === 'quarter') return `${date.toFormat('yyyy')}-Q${date.quarter}`;
  return date.toFormat(LABEL_FORMAT[groupBy]);
}

/** The kind of a label; throws `PeriodFormatError` for anything that is not one. */
export function periodKindOf(label: string): GroupBy {
  if (DAY.test(label)) return 'day';
  if (WEEK.test(label)) return 'week';
  if (MONTH.test(label)) return 'month';
  if (QUARTER.test(label)) return 'quarter';
  throw notAPeriod(label);
}

/** The first day of the period, at midnight UTC (a calendar date, not an instant). */
export function firstDayOfPeriod(label: string): DateTime {
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

function describeDayProblem(year: number, month: number, _day: number): string {
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
