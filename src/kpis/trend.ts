/** Which way a KPI moved between two periods, and whether that is good news for this KPI. */

export type TrendDirection = 'up' | 'down' | 'flat' | 'unknown';
export type TrendVerdict = 'good' | 'bad' | 'neutral';

export interface Trend {
  direction: TrendDirection;
  /** `current - previous`, when both are known. */
  delta?: number;
  /**
   * The change relative to the previous value, in percent (12.5 means +12.5%), measured against
   * `|previous|` so that a rise from −10 to −5 is +50%. Absent when the previous value is 0 or
   * unknown. Note: `formatPercentChange` takes a ratio, i.e. `percent / 100`.
   */
  percent?: number;
  verdict: TrendVerdict;
}

/** Gtmhub's target operators (`targetOperator` on a KPI). */
const GOOD_DIRECTION: Record<string, TrendDirection> = { should_increase: 'up', should_decrease: 'down' };

/**
 * Compares the current value with the previous one. Differences within floating-point noise
 * (0.1 + 0.2 vs 0.3) are flat, so a re-entered value never shows as a change.
 */
export function trendOf(current: number | undefined, previous: number | undefined, targetOperator: string): Trend {
  if (!isKnown(current) || !isKnown(previous)) return { direction: 'unknown', verdict: 'neutral' };
  const scale = Math.max(1, Math.abs(current), Math.abs(previous));
  const raw = current - previous;
  const delta = Math.abs(raw) <= scale * 1e-12 ? 0 : raw;
  const direction: TrendDirection = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const trend: Trend = { direction, delta, verdict: verdictOf(direction, targetOperator) };
  if (previous !== 0) trend.percent = (delta / Math.abs(previous)) * 100;
  return trend;
}

function verdictOf(direction: TrendDirection, targetOperator: string): TrendVerdict {
  const good = GOOD_DIRECTION[targetOperator];
  if (!good || direction === 'flat' || direction === 'unknown') return 'neutral';
  return direction === good ? 'good' : 'bad';
}

function isKnown(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
