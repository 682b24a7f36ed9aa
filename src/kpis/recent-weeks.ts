import { formatWeekRange, isoWeekOf, shiftPeriod } from '../time/periods.js';

/**
 * The weeks a value can be logged for from Slack: this week, last week and the 6 before, newest
 * first, labelled for a select (`This week · 2026-W48 (Nov 23–29)`), in the user's zone.
 */
export function recentWeeks(nowMs: number, zone: string, locale: string, count = 8): Array<{ label: string; text: string }> {
  const current = isoWeekOf(nowMs, zone);
  return Array.from({ length: count }, (_, i) => {
    const label = shiftPeriod(current, -i);
    const name = i === 0 ? 'This week' : i === 1 ? 'Last week' : `${i} weeks ago`;
    return { label, text: `${name} · ${label} (${formatWeekRange(label, locale)})` };
  });
}
