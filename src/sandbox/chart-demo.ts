import type { KpiChartSeries } from '../charts/index.js';
import { historyOf } from '../kpis/recent-values.js';
import { isoWeekOf, lastNPeriods, previousPeriod } from '../time/periods.js';
import { generateDemoData } from './gtmhub/index.js';

/**
 * Chart series from the Gtmhub simulator's demo account (seeded: the same clock gives the same
 * KPIs and values), for the README's pictures and the chart benchmark. A fixed clock keeps the
 * committed images stable: `npm run docs:images` redraws the same pixels until the data changes.
 */
export const DEMO_CHART_NOW = new Date('2026-11-26T12:00:00Z');

export interface DemoChartOptions {
  now?: Date;
  kpis?: number;
  /** Weeks per series, ending with the current week (`digest: true`: the last complete week). */
  weeks: number;
  /** A digest reports the last complete week, so its series end there. */
  digest?: boolean;
}

export function demoChartSeries(options: DemoChartOptions): KpiChartSeries[] {
  const now = options.now ?? DEMO_CHART_NOW;
  const demo = generateDemoData({ kpiCount: options.kpis ?? 24, now, accountId: 'acc-demo' });
  const thisWeek = isoWeekOf(now.getTime(), 'UTC');
  const last = options.digest === true ? previousPeriod(thisWeek) : thisWeek;
  const periods = lastNPeriods(last, options.weeks);
  return demo.kpis.map((kpi) => ({
    name: kpi.name,
    formatting: kpi.formatting,
    targetOperator: kpi.targetOperator,
    weeks: historyOf(kpi.id, demo.snapshots, periods).weeks,
    currentPeriod: last,
  }));
}
