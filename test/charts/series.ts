import type { KpiChartSeries } from '../../src/charts/index.js';

/** Twelve weeks ending 2026-W48 with the given values (`undefined` = a week without a value). */
export function weeklySeries(values: ReadonlyArray<number | undefined>, patch: Partial<KpiChartSeries> = {}): KpiChartSeries {
  const last = 48;
  return {
    name: 'Monthly recurring revenue',
    formatting: { prefix: '$', suffix: '', fractionSize: 0 },
    targetOperator: 'should_increase',
    weeks: values.map((value, i) => ({ period: `2026-W${String(last - values.length + 1 + i).padStart(2, '0')}`, value })),
    currentPeriod: `2026-W${last}`,
    ...patch,
  };
}

export const REVENUE = [1200, 1250, undefined, 1300, 1280, 1350, 1400, undefined, undefined, 1420, 1390, 1450];
