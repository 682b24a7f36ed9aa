import type { Kpi } from '../../gtmhub/types.js';
import { formatDelta, formatPercentChange } from '../../kpis/format.js';
import type { Trend } from '../../kpis/trend.js';

const VERDICT_EMOJI = { good: ':large_green_circle:', bad: ':red_circle:', neutral: ':white_circle:' } as const;
const ARROW = { up: '▲', down: '▼', flat: '▶', unknown: '' } as const;

/**
 * `:large_green_circle: ▲ +$200 (+12.5%)` — green when the move is good for this KPI's target;
 * empty when the trend is unknown. Slack mrkdwn (emoji codes), shared by KPI cards and digests.
 */
export function trendText(trend: Trend, kpi: Kpi, locale: string): string {
  if (trend.direction === 'unknown' || trend.delta === undefined) return '';
  if (trend.direction === 'flat') return `${VERDICT_EMOJI.neutral} ${ARROW.flat} no change`;
  const percent = trend.percent === undefined ? '' : ` (${formatPercentChange(trend.percent / 100, locale)})`;
  return `${VERDICT_EMOJI[trend.verdict]} ${ARROW[trend.direction]} ${formatDelta(trend.delta, kpi.formatting, locale)}${percent}`;
}
