/**
 * What a weekly digest reports, as data: for each KPI last week's value, the week before's and the
 * trend between them, the KPIs nobody updated, and whether there is anything to post at all.
 * Pure. How it reads in Slack is `slack/views/digests/compose.ts`.
 */
import type { OwnerAnswer } from '../people/people.js';
import type { Kpi } from '../gtmhub/types.js';
import { trendOf, type Trend } from '../kpis/trend.js';
import { lastNPeriods, previousPeriod } from '../time/periods.js';
import type { KpiChartSeries } from '../charts/types.js';
import type { DigestSubscription } from './types.js';

/** How many weeks the sparkline shows, the period included. */
export const SPARKLINE_WEEKS = 8;
/** How many weeks a digest reads: the sparkline's 8 and the week before its first. */
export const WEEKS_READ = SPARKLINE_WEEKS + 1;

/** One KPI of a digest and its weekly values (week label → value) around the period. */
export interface DigestKpiRow {
  kpi: Kpi;
  values: ReadonlyMap<string, number>;
}

/** What a digest covers, for the line under its header. */
export type DigestScope =
  | { kind: 'kpis'; count: number }
  | { kind: 'groups'; names: string[] }
  /** `userId`: the Slack user whose favorite groups they are. */
  | { kind: 'favorites'; userId: string; names: string[] };

export interface DigestReportInput {
  /** The ISO week the digest reports on (`2026-W48`): `periodForRun` in schedule.ts. */
  period: string;
  scope: DigestScope;
  /** The KPIs that exist, in the order to show them. */
  kpis: readonly DigestKpiRow[];
  /** How many selected KPIs no longer exist in Gtmhub (left out, with a note). */
  missingKpis: number;
  skipWhenUnchanged: boolean;
  listNotUpdated: boolean;
  /** Draw the KPIs' last 8 weeks as a picture (the subscription's chart setting). */
  includeChart?: boolean;
  /** Number formatting; default `en-US`. */
  locale?: string;
}

export interface DigestLine {
  row: DigestKpiRow;
  current: number | undefined;
  previous: number | undefined;
  trend: Trend;
}

/** A digest to post. `updated` lines have a value for the period; `notUpdated` ones none. */
export interface DigestPost {
  kind: 'post';
  period: string;
  scope: DigestScope;
  updated: DigestLine[];
  notUpdated: DigestLine[];
  missingKpis: number;
  listNotUpdated: boolean;
  locale: string;
  /**
   * Who the owners of the not-updated KPIs are (a Slack person, a Gtmhub name), read from the people
   * directory when the digest was built; an owner missing here shows as their Gtmhub id.
   */
  owners?: ReadonlyMap<string, OwnerAnswer>;
  /** Not-updated KPIs their owner put off for the period (*Not this week*): shown as *skipped by owner*. */
  skippedByOwner?: ReadonlySet<string>;
  /** The KPIs with a value in the last 8 weeks, for the digest's chart; absent when it has none. */
  chartSeries?: KpiChartSeries[];
}

/** A digest ready to post, or the reason there is nothing to post. */
export type DigestReport = DigestPost | { kind: 'skip'; period: string; reason: string };

export function digestReport(input: DigestReportInput): DigestReport {
  const { period } = input;
  const before = previousPeriod(period);
  const lines: DigestLine[] = input.kpis.map((row) => {
    const current = row.values.get(period);
    const previous = row.values.get(before);
    return { row, current, previous, trend: trendOf(current, previous, row.kpi.targetOperator) };
  });
  const updated = lines.filter((l) => l.current !== undefined);
  if (input.skipWhenUnchanged && !updated.some(changed)) {
    return { kind: 'skip', period, reason: `No KPI changed in ${period} against the week before.` };
  }
  return {
    kind: 'post',
    period,
    scope: input.scope,
    updated,
    notUpdated: lines.filter((l) => l.current === undefined),
    missingKpis: input.missingKpis,
    listNotUpdated: input.listNotUpdated,
    locale: input.locale ?? 'en-US',
    ...(input.includeChart ? chartSeriesOf(input.kpis, period) : {}),
  };
}

/** Each KPI's last 8 weeks as a chart draws them; KPIs without any value in them are left out. */
function chartSeriesOf(rows: readonly DigestKpiRow[], period: string): { chartSeries?: KpiChartSeries[] } {
  const weeks = lastNPeriods(period, SPARKLINE_WEEKS);
  const series = rows
    .map((row) => ({
      name: row.kpi.name,
      formatting: row.kpi.formatting,
      targetOperator: row.kpi.targetOperator,
      weeks: weeks.map((w) => ({ period: w, value: row.values.get(w) })),
      currentPeriod: period,
    }))
    .filter((s) => s.weeks.some((w) => w.value !== undefined));
  return series.length > 0 ? { chartSeries: series } : {};
}

/** A KPI moved, or got a value where the week before had none. */
function changed(line: DigestLine): boolean {
  return line.previous === undefined || line.trend.direction === 'up' || line.trend.direction === 'down';
}

/**
 * Builds the digests of several subscriptions due at one moment, sharing Gtmhub reads: one set of
 * snapshot calls per (time zone offset, period), never one per subscription or per KPI.
 */
export interface DigestContentSource {
  build(subscriptions: readonly DigestSubscription[], at: Date): Promise<Map<string, DigestReport>>;
}
