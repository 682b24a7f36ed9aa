import { DEFAULT_CHART_WEEKS, renderDigestCharts, renderKpiLineChart, type ChartImage } from '../charts/index.js';
import { demoChartSeries } from './chart-demo.js';

/** The demo KPI the details picture shows: its current week has no value yet, so the picture shows a gap. */
const DETAILS_KPI = 'Pipeline value';

/**
 * The README's pictures, drawn from the demo account with the code kpibot uses in Slack: a
 * details chart (12 weeks) and a digest image (the first 12 demo KPIs, 8 weeks, last complete week).
 */
export function renderReadmeImages(): Array<{ file: string; image: ChartImage }> {
  const details = demoChartSeries({ weeks: DEFAULT_CHART_WEEKS });
  const chosen = details.find((s) => s.name === DETAILS_KPI) ?? details[0];
  if (chosen === undefined) throw new Error('The demo account has no KPI to draw.');
  const digest = demoChartSeries({ weeks: 8, digest: true }).slice(0, 12);
  const [digestImage] = renderDigestCharts(`Weekly KPIs — ${digest[0]?.currentPeriod ?? ''}`, digest, 'en-US');
  if (digestImage === undefined) throw new Error('The digest image could not be drawn.');
  return [
    { file: 'kpi-details-chart.png', image: renderKpiLineChart(chosen, 'en-US') },
    { file: 'digest-chart.png', image: digestImage },
  ];
}
