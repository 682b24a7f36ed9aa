/**
 * The chart on a KPI's details (`/kpi show`, *Details*): the last 12 weeks (or as asked: `26w`),
 * drawn on the server, uploaded through Slack's three steps and shared into the bot's DM with the
 * person (an ephemeral reply is theirs alone: docs/slack-files.md), then shown with an image block
 * that references the file. Bounded: the details wait at most CHART_WAIT_MS for it; a chart that
 * cannot be drawn, read or uploaded in time leaves the details as they are (text and sparkline),
 * and the log says why. The same chart for the same person is uploaded once (the uploader re-uses it).
 */
import { DEFAULT_CHART_WEEKS, renderKpiLineChart, type KpiChartSeries } from '../../../charts/index.js';
import type { Kpi } from '../../../gtmhub/types.js';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import { isoWeekOf } from '../../../time/periods.js';
import { systemClock, within } from '../../../time/clock.js';
import type { SlackDeps } from '../../deps.js';
import { describeChartFailure, type ChartDestination, type SlackFileImageBlock } from '../../files/index.js';

/** How long the details wait for their chart before going out without it. */
export const CHART_WAIT_MS = 2_500;

export interface DetailsChartRequest {
  kpiId: string;
  /** The KPI as the details read it: the chart's weeks are read at the same time, not after. */
  kpi: Promise<Kpi>;
  userId: string;
  zone: string;
  locale: string;
  weeks?: number;
  /** Where the chart is shared; default the bot's DM with `userId` (an ephemeral reply's reader). */
  destination?: ChartDestination;
}

/**
 * The image block of the KPI's chart, or undefined (logged) when there is none in time. Call it
 * when the details start, so that its reads run beside theirs and its wait counts from then.
 */
export async function detailsChart(deps: SlackDeps, request: DetailsChartRequest): Promise<SlackFileImageBlock | undefined> {
  const charts = deps.charts;
  if (!charts) return undefined;
  const clock = deps.clock ?? systemClock;
  const late = (): undefined => {
    deps.logger.warn('details sent without their chart: it was not ready in time', { kpiId: request.kpiId, waitMs: CHART_WAIT_MS });
    return undefined;
  };
  return within(clock, CHART_WAIT_MS, draw(deps, charts, request), late);
}

async function draw(deps: SlackDeps, charts: NonNullable<SlackDeps['charts']>, request: DetailsChartRequest): Promise<SlackFileImageBlock | undefined> {
  const { kpiId, userId, zone, locale } = request;
  const weeks = request.weeks ?? DEFAULT_CHART_WEEKS;
  try {
    const [kpi, history] = await Promise.all([request.kpi, charts.histories.forKpi(kpiId, zone, weeks, { policy: interactiveWithinTwoSeconds })]);
    if (history.weeks.length === 0) return undefined;
    const series: KpiChartSeries = {
      name: kpi.name,
      formatting: kpi.formatting,
      targetOperator: kpi.targetOperator,
      weeks: history.weeks,
      currentPeriod: isoWeekOf(deps.now(), zone),
    };
    const lastWeek = history.weeks[history.weeks.length - 1]!.period;
    const result = await charts.uploader.uploadChart({
      data: { series, locale },
      render: () => renderKpiLineChart(series, locale),
      destination: request.destination ?? { kind: 'person', userId },
      filename: `${slug(kpi.name)}-${lastWeek}.png`,
      title: `${kpi.name}, last ${history.weeks.length} weeks`,
    });
    if (!result.ok) {
      deps.logger.warn(`details sent without their chart: ${describeChartFailure(result.failure)}`, { kpiId });
      return undefined;
    }
    return result.chart.block;
  } catch (error) {
    deps.logger.warn('details sent without their chart: the KPI or its weeks could not be read', { kpiId, error });
    return undefined;
  }
}

/** `Net Promoter Score` → `net-promoter-score` (a file name Slack shows; at most 60 characters). */
function slug(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return plain.slice(0, 60) || 'kpi';
}
