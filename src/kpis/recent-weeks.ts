import { isoWeekOf } from '../time/periods.js';
import { isValidPeriod, shiftPeriod } from '../gtmhub/periods.js';

/** The weeks a value can be logged for from Slack, as week labels; how they read is the view's business. */
export interface LoggableWeeks {
  /** This week, last week and the 6 before, newest first, in the user's zone. */
  recent: string[];
  /**
   * The week the user asked for when it is older than `recent` (a digest's *Log value* from months
   * ago, `/kpi log … 2026-W30`): offered too, never silently replaced by this week.
   */
  older?: string;
}

const WEEK_LABEL = /^\d{4}-W\d{2}$/;

export function loggableWeeks(nowMs: number, zone: string, requested?: string, count = 8): LoggableWeeks {
  const current = isoWeekOf(nowMs, zone);
  const recent = Array.from({ length: count }, (_, i) => shiftPeriod(current, -i));
  // Only a real week label is added (isValidPeriod also accepts months and quarters).
  if (requested === undefined || recent.includes(requested) || !WEEK_LABEL.test(requested) || !isValidPeriod(requested)) return { recent };
  return { recent, older: requested };
}
