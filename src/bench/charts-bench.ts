/**
 * Chart rendering, as `/kpi show` and a digest would run it: the whole render (ECharts' SVG, then
 * resvg's PNG) against the SVG alone, so the ratio says what rasterising costs; figures give the
 * whole render's p50/p95 for a 12-week details chart and for a 12-KPI digest image, each timed
 * one render at a time over the demo account's KPIs.
 */
import { performance } from 'node:perf_hooks';
import { lineChartOption, LINE_CHART_SIZE, renderDigestCharts, renderKpiLineChart } from '../charts/index.js';
import { renderOptionToSvg } from '../charts/rasterize.js';
import { demoChartSeries } from '../sandbox/chart-demo.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { percentile } from './stats.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

/** Timed details charts: five per paired round (45 in a full run, 15 in a quick one); one digest image per round. */
const RENDERS_PER_ROUND = 5;

export async function benchChartRender(settings: BenchSettings): Promise<BenchResult> {
  const details = demoChartSeries({ weeks: 12 });
  const digest = demoChartSeries({ weeks: 8, digest: true }).slice(0, 12);
  if (details.length === 0) throw new BenchError('The chart benchmark found no demo KPI to draw.');
  let bytes = 0;
  let next = 0;
  const nextSeries = () => details[next++ % details.length]!;
  const result = await measurePaired(
    { label: 'details chart PNG', run: () => void (bytes += renderKpiLineChart(nextSeries(), 'en-US').png.length) },
    { label: 'details chart SVG only', run: () => void (bytes += renderOptionToSvg(lineChartOption(nextSeries(), 'en-US'), LINE_CHART_SIZE).length) },
    pairedOptionsFor(settings),
  );
  const timeEach = (count: number, render: () => number): number[] => {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      bytes += render();
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const count = settings.rounds * RENDERS_PER_ROUND;
  const detailsMs = timeEach(count, () => renderKpiLineChart(nextSeries(), 'en-US').png.length);
  const digestMs = timeEach(Math.max(2, settings.rounds), () => renderDigestCharts('Weekly KPIs', digest, 'en-US')[0]?.png.length ?? 0);
  // Bytes are summed and checked so that no engine can skip a render as unused.
  if (bytes === 0) throw new BenchError('The chart benchmark rendered nothing.');
  return {
    id: 'charts',
    title: 'chart render, 1200 × 600 details chart (PNG vs SVG only)',
    per: 'chart',
    ...result,
    figures: [
      { name: 'details chart p50', value: percentile(detailsMs, 0.5), unit: 'ms' },
      { name: 'details chart p95', value: percentile(detailsMs, 0.95), unit: 'ms' },
      { name: 'digest image (12 KPIs) p50', value: percentile(digestMs, 0.5), unit: 'ms' },
      { name: 'digest image (12 KPIs) p95', value: percentile(digestMs, 0.95), unit: 'ms' },
    ],
  };
}
