/**
 * The week a user means when logging a value: typed in a modal or after a slash command. Only
 * weeks are accepted, because the bot logs weekly snapshots.
 */
import { periodOf, previousPeriod } from '../time/periods.js';
import { isValidPeriod, parsePeriod } from '../gtmhub/periods.js';

export type PeriodInputResult = { ok: true; label: string } | { ok: false; reason: string };

/**
 * One week as a user types it: `2026-W47`, `2026W47`, `2026-w47` or `W47`. The `/kpi log` grammar
 * uses the same pattern to tell a trailing week from a value, so the two never disagree.
 */
const WEEK_INPUT = /^(?:(\d{4})-?)?w(\d{1,2})$/i;

/** Whether `token` (one word) is a week `parsePeriodInput` reads, e.g. `W47` or `2026W47`. */
export function isWeekToken(token: string): boolean {
  return WEEK_INPUT.test(token.trim());
}

/** A bare `W53` may have to look back this many years: ISO years with 53 weeks come every 5 or 6 years. */
const YEARS_BACK_FOR_BARE_WEEK = 7;

/**
 * Reads `this week`, `last week`, `2026-W47`, `2026-w47`, `2026W47` or `W47` (the most recent week
 * 47 that has started: in 2026-W01, `W52` is last week, 2025-W52). Empty means the current week.
 * Weeks are those of `zone` at `now`; a week that has not started yet there is refused. Throws
 * `TimeZoneFormatError` only for an unusable `zone` (a bug, not a user mistake).
 */
export function parsePeriodInput(text: string | undefined, now: Date, zone: string): PeriodInputResult {
  const current = periodOf(now, zone, 'week');
  const input = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (input === '' || input === 'this week') return { ok: true, label: current };
  if (input === 'last week') return { ok: true, label: previousPeriod(current) };

  const week = WEEK_INPUT.exec(input);
  if (!week) {
    return {
      ok: false,
      reason: `“${shorten(text ?? '')}” is not a week: type this week, last week, ${current} or ${current.slice(5)}.`,
    };
  }
  const number = week[2]!.padStart(2, '0');
  const label = week[1] !== undefined ? `${week[1]}-W${number}` : mostRecentStarted(number, current);
  let startDate: string;
  try {
    startDate = parsePeriod(label).startDate;
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (startDate > parsePeriod(current).startDate) return { ok: false, reason: `${label} has not started yet.` };
  return { ok: true, label };
}

/**
 * The latest `YYYY-Wnn` that has started by `current`; when no year qualifies (`W00`, `W60`) the
 * current year's label, so that `parsePeriod` says why it is not a week.
 */
function mostRecentStarted(number: string, current: string): string {
  const year = Number(current.slice(0, 4));
  const currentStart = parsePeriod(current).startDate;
  for (let y = year; y >= year - YEARS_BACK_FOR_BARE_WEEK; y--) {
    const label = `${y}-W${number}`;
    if (isValidPeriod(label) && parsePeriod(label).startDate <= currentStart) return label;
  }
  return `${year}-W${number}`;
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}
