/**
 * Where one check-in DM stands: each of its KPIs still missing (with last week's value as a hint),
 * done (with its value) or put off (*Not this week*). Read with one batched snapshot read for the
 * DM's KPIs (this week and the one before), so a DM shown again — updated after a value was
 * logged, re-sent after a snooze, or turned into the Check in form — always says what Gtmhub has.
 */
import { parsePeriod, shiftPeriod } from '../gtmhub/periods.js';
import type { Kpi } from '../gtmhub/types.js';
import type { CatalogueView } from '../kpis/catalogue.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import { gtmhubOffset } from '../time/zones.js';
import type { CheckinReminder } from './types.js';

export type CheckinKpiState = { kind: 'missing' } | { kind: 'done'; value: number } | { kind: 'skipped' };

/** One KPI of a DM. */
export interface CheckinItem {
  kpi: Kpi;
  state: CheckinKpiState;
  /** This period's value so far (a hint in the Check in form), when any. */
  current: number | undefined;
  /** The period before's value (the DM's and the form's hint). */
  previous: number | undefined;
}

/** A check-in DM as data: what the view renders, and what Check in asks for. */
export interface CheckinProgress {
  reminder: Pick<CheckinReminder, 'id' | 'channelId' | 'createdBy' | 'personalFor'>;
  /** The other reminders the DM stands for (merged at one slot): the DM names who set each up, and where. */
  alsoFrom?: ReadonlyArray<Pick<CheckinReminder, 'channelId' | 'createdBy' | 'personalFor'>>;
  slackUserId: string;
  period: string;
  items: CheckinItem[];
}

/** The KPIs still missing, in the DM's order. */
export function missingItems(progress: CheckinProgress): CheckinItem[] {
  return progress.items.filter((item) => item.state.kind === 'missing');
}

/** True when nothing is left to log (every KPI done or put off). */
export function isAllDone(progress: CheckinProgress): boolean {
  return progress.items.length > 0 && missingItems(progress).length === 0;
}

export interface ReadProgressInput {
  reminder: CheckinProgress['reminder'];
  alsoFrom?: CheckinProgress['alsoFrom'];
  slackUserId: string;
  period: string;
  kpiIds: readonly string[];
  /** The zone the period is read in (the person's). */
  zone: string;
  /** Values just recorded that a read may not show yet (Gtmhub answered the write a moment ago). */
  known?: ReadonlyMap<string, number>;
  skipped: ReadonlySet<string>;
  now: number;
}

/** Reads where a DM stands; KPIs deleted from Gtmhub since are left out. */
export async function readCheckinProgress(deps: { snapshots: SnapshotSource; catalogue: CatalogueView }, input: ReadProgressInput): Promise<CheckinProgress> {
  const kpis = input.kpiIds.map((id) => deps.catalogue.byId.get(id)).filter((k): k is Kpi => k !== undefined);
  const values = await readWeekValues(deps.snapshots, kpis.map((k) => k.id), gtmhubOffset(input.zone, input.now), input.period);
  const previousPeriod = shiftPeriod(input.period, -1);
  const items = kpis.map((kpi): CheckinItem => {
    const current = values.get(kpi.id)?.get(input.period) ?? input.known?.get(kpi.id);
    const previous = values.get(kpi.id)?.get(previousPeriod);
    const state: CheckinKpiState = current !== undefined ? { kind: 'done', value: current } : input.skipped.has(kpi.id) ? { kind: 'skipped' } : { kind: 'missing' };
    return { kpi, state, current, previous };
  });
  return { reminder: input.reminder, ...(input.alsoFrom?.length ? { alsoFrom: input.alsoFrom } : {}), slackUserId: input.slackUserId, period: input.period, items };
}

/** KPI id → week label → value, for `period` and the week before: one batched read (none for no ids). */
export async function readWeekValues(snapshots: SnapshotSource, ids: readonly string[], offset: string, period: string): Promise<Map<string, Map<string, number>>> {
  const byKpi = new Map<string, Map<string, number>>();
  if (ids.length === 0) return byKpi;
  const rows = await snapshots.getKpiSnapshots({ ids: [...ids], timeZone: offset, groupBy: 'week', from: parsePeriod(shiftPeriod(period, -1)).startDate, to: parsePeriod(period).endDate });
  for (const row of rows) {
    const values = byKpi.get(row.kpiId) ?? new Map<string, number>();
    byKpi.set(row.kpiId, values);
    values.set(row.group, row.value);
  }
  return byKpi;
}

/** A freshly built check-in (everything it lists is missing) as progress. */
export function progressOfContent(content: {
  reminder: CheckinProgress['reminder'];
  mergedFrom?: CheckinProgress['alsoFrom'];
  slackUserId: string;
  period: string;
  owed: readonly { kpi: Kpi; previous: number | undefined }[];
}): CheckinProgress {
  return {
    reminder: content.reminder,
    ...(content.mergedFrom?.length ? { alsoFrom: content.mergedFrom } : {}),
    slackUserId: content.slackUserId,
    period: content.period,
    items: content.owed.map(({ kpi, previous }) => ({ kpi, state: { kind: 'missing' }, current: undefined, previous })),
  };
}
