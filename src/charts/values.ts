import { formatKpiValue, fractionDigitsOf } from '../kpis/format.js';
import type { KpiChartSeries } from './types.js';

export interface KnownWeek {
  period: string;
  value: number;
}

/** The weeks that have a value, oldest first (a gap is a week without one, never a zero). */
export function knownWeeks(series: KpiChartSeries): KnownWeek[] {
  const known: KnownWeek[] = [];
  for (const week of series.weeks) if (week.value !== undefined && Number.isFinite(week.value)) known.push({ period: week.period, value: week.value });
  return known;
}

/** `1,234.5` with the KPI's prefix, suffix and decimals in the person's locale: one formatter for axis and words. */
export function formatAxisValue(value: number, series: KpiChartSeries, locale: string): string {
  return formatKpiValue(value, series.formatting, locale);
}

/**
 * The smallest step between two axis ticks: one unit of the KPI's last decimal, so an axis of
 * a 0-decimal KPI never shows `2, 2, 3` (ticks at 1.5 and 2 rounded alike).
 */
export function minimumTickStep(series: KpiChartSeries): number {
  return 10 ** -fractionDigitsOf(series.formatting).max;
}

/** `W48` from `2026-W48`: the axis has room for the week only; the range is said above it. */
export function shortWeek(period: string): string {
  const dash = period.indexOf('-');
  return dash < 0 ? period : period.slice(dash + 1);
}

/** Which way is good for the KPI, from Gtmhub's target operator; `undefined` when it says neither. */
export function goodDirectionOf(series: KpiChartSeries): 'up' | 'down' | undefined {
  if (series.targetOperator === 'should_increase') return 'up';
  if (series.targetOperator === 'should_decrease') return 'down';
  return undefined;
}
