/**
 * Whether an alert's condition holds for a KPI, as pure functions over the KPI's recent values:
 * no I/O, no clock. The poll and the Slack trigger read the values; this only decides.
 */
import { trendOf } from '../kpis/trend.js';
import type { AlertCondition } from './types.js';

/** A KPI's values for consecutive periods, oldest first; the last one is the period evaluated. */
export interface ValueSeries {
  values: readonly (number | undefined)[];
  /** Gtmhub's `targetOperator` (should_increase / should_decrease / anything else: no direction). */
  targetOperator: string;
}

/** How many periods (the evaluated one included) a condition reads. */
export function periodsNeeded(condition: AlertCondition): number {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return 1;
    case 'changed':
      return 2;
    case 'wrong_way':
      return condition.periods + 1;
  }
}

/** True when the condition holds for the last period of `series`; an unknown value never holds. */
export function conditionHolds(condition: AlertCondition, series: ValueSeries): boolean {
  const n = series.values.length;
  const current = n > 0 ? series.values[n - 1] : undefined;
  switch (condition.kind) {
    case 'above':
      return isKnown(current) && current > condition.threshold;
    case 'below':
      return isKnown(current) && current < condition.threshold;
    case 'changed': {
      const trend = trendOf(current, n > 1 ? series.values[n - 2] : undefined, series.targetOperator);
      if (trend.delta === undefined) return false;
      if (condition.direction === 'bad' && trend.verdict !== 'bad') return false;
      const size = condition.unit === 'units' ? Math.abs(trend.delta) : trend.percent === undefined ? undefined : Math.abs(trend.percent);
      return size !== undefined && size > condition.by;
    }
    case 'wrong_way': {
      if (condition.periods < 1 || n < condition.periods + 1) return false;
      for (let i = n - condition.periods; i < n; i += 1) {
        if (trendOf(series.values[i], series.values[i - 1], series.targetOperator).verdict !== 'bad') return false;
      }
      return true;
    }
  }
}

function isKnown(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
