/**
 * The week a user means when logging a value: typed in a modal or after a slash command. Only
 * weeks are accepted, because the bot logs weekly snapshots.
 */
import { parsePeriod, periodOf, previousPeriod } from '../time/periods.js';

export type PeriodInputResult = { ok: true; label: string } | { ok: false; reason: string };

const FULL_WEEK = /^(\d{4})-?w(\d{1,2})$/;
const SHORT_WEEK = /^w(\d{1,2})$/;

/**
 * Reads `this week`, `last week`, `2026-W47`, `2026-w47`, `2026W47` or `W47` (in the current ISO
 * week-year). Empty means the current week. Weeks are those of `zone` at `now`; a week that has not
 * started yet there is refused. Throws `TimeZoneFormatError` only for an unusable `zone` (a bug, not
 * a user mistake).
 */
export function parsePeriodInput(text: string | undefined, now: Date, zone: string): PeriodInputResult {
  const current = periodOf(now, zone, 'week');
  const input = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (input === '' || input === 'this week') return { ok: true, label: current };
  if (input === 'last week') return { ok: true, label: previousPeriod(current) };

  let label: string | undefined;
  const full = FULL_WEEK.exec(input);
  const short = SHORT_WEEK.exec(input);
  if (full) label = `${full[1]}-W${full[2]!.padStart(2, '0')}`;
  else if (short) label = `${current.slice(0, 4)}-W${short[1]!.padStart(2, '0')}`;
  if (label === undefined) {
    return {
      ok: false,
      reason: `“${shorten(text ?? '')}” is not a week: type this week, last week, ${current} or ${current.slice(5)}.`,
    };
  }
  let startDate: string;
  try {
    startDate = parsePeriod(label).startDate;
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (startDate > parsePeriod(current).startDate) return { ok: false, reason: `${label} has not started yet.` };
  return { ok: true, label };
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}
