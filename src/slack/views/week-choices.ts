import type { LoggableWeeks } from '../../kpis/recent-weeks.js';
import { formatWeekRange } from '../../time/periods.js';

export interface PeriodChoice {
  label: string;
  /** `This week · 2026-W48 (Nov 23–29)` */
  text: string;
}

/**
 * The week select's options: the recent weeks named by how long ago they were
 * (`Last week · 2026-W47 (Nov 16–22)`), an older requested week by its dates only.
 */
export function weekChoices(weeks: LoggableWeeks, locale: string): PeriodChoice[] {
  const recent = weeks.recent.map((label, i) => ({ label, text: `${weeksAgo(i)} · ${label} (${formatWeekRange(label, locale)})` }));
  return weeks.older === undefined ? recent : [...recent, { label: weeks.older, text: `${weeks.older} (${formatWeekRange(weeks.older, locale)})` }];
}

function weeksAgo(i: number): string {
  return i === 0 ? 'This week' : i === 1 ? 'Last week' : `${i} weeks ago`;
}
