import { formatPercentChange } from '../kpis/format.js';
import { trendOf } from '../kpis/trend.js';
import type { KpiChartSeries } from './types.js';
import { formatAxisValue, goodDirectionOf, knownWeeks } from './values.js';

/** Slack's limit for an image block's `alt_text`. */
export const MAX_ALT_TEXT = 2000;

/**
 * The trend of one KPI in words, from its first to its last known week: "rose from $1,200 in
 * 2026-W37 to $1,450 in 2026-W48 (+20.8%), good for this KPI (higher is better)".
 */
export function trendInWords(series: KpiChartSeries, locale: string): string {
  const known = knownWeeks(series);
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return 'has no value in these weeks';
  const fmt = (v: number): string => formatAxisValue(v, series, locale);
  if (known.length === 1) return `has one value: ${fmt(last.value)} in ${last.period}`;
  const trend = trendOf(last.value, first.value, series.targetOperator);
  const change = trend.percent === undefined ? '' : ` (${formatPercentChange(trend.percent / 100, locale)})`;
  const good = goodDirectionOf(series);
  const judged =
    trend.verdict === 'neutral' || good === undefined ? '' : `, ${trend.verdict} for this KPI (${good === 'up' ? 'higher' : 'lower'} is better)`;
  if (trend.direction === 'flat') return `stayed at ${fmt(last.value)} from ${first.period} to ${last.period}`;
  const verb = trend.direction === 'up' ? 'rose' : 'fell';
  return `${verb} from ${fmt(first.value)} in ${first.period} to ${fmt(last.value)} in ${last.period}${change}${judged}`;
}

/** How many weeks have no value, said only when some do. */
function gapsInWords(series: KpiChartSeries): string {
  const gaps = series.weeks.length - knownWeeks(series).length;
  if (gaps === 0 || gaps === series.weeks.length) return '';
  return gaps === 1 ? '; 1 week has no value' : `; ${gaps} weeks have no value`;
}

/** The alt text of a details chart: what it shows, the trend, the extremes, the gaps. */
export function lineChartAltText(series: KpiChartSeries, locale: string): string {
  const known = knownWeeks(series);
  const span = `${series.weeks.length} weeks`;
  let text = `Line chart of ${series.name} over the last ${span}: it ${trendInWords(series, locale)}`;
  if (known.length > 2) {
    const high = known.reduce((a, b) => (b.value > a.value ? b : a));
    const low = known.reduce((a, b) => (b.value < a.value ? b : a));
    text += `; highest ${formatAxisValue(high.value, series, locale)} in ${high.period}, lowest ${formatAxisValue(low.value, series, locale)} in ${low.period}`;
  }
  return clip(`${text}${gapsInWords(series)}.`);
}

/** The alt text of a digest image: one clause per KPI, clipped to Slack's limit. */
export function smallMultiplesAltText(title: string, series: readonly KpiChartSeries[], locale: string): string {
  const weeks = series[0]?.weeks.length ?? 0;
  const clauses = series.map((s) => `${s.name} ${trendInWords(s, locale)}`);
  return clip(`${title}: small line charts of ${series.length === 1 ? '1 KPI' : `${series.length} KPIs`} over ${weeks} weeks. ${clauses.join('. ')}.`);
}

function clip(text: string): string {
  return text.length <= MAX_ALT_TEXT ? text : `${text.slice(0, MAX_ALT_TEXT - 1)}…`;
}
