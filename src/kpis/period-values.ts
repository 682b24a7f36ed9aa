/**
 * KPIs' values in given weeks, read fresh from Gtmhub in one batched call: what a recording reads
 * before and after its write, what a workflow step reads ("the value of 2026-W48 and the week
 * before"), and which KPIs have no value in a week yet.
 */
import { parsePeriod } from '../gtmhub/periods.js';
import type { RetryPolicy } from '../gtmhub/retry.js';
import type { KpiSnapshot, SnapshotQuery } from '../gtmhub/types.js';

/** What the reads need (the Gtmhub client satisfies it). */
export interface PeriodSnapshotSource {
  getKpiSnapshots(query: SnapshotQuery, options?: { policy?: RetryPolicy }): Promise<KpiSnapshot[]>;
}

/**
 * Each KPI's value in each of `periods` (week labels, any order), grouped in `timeZone` (Gtmhub's
 * offset notation): `values.get(kpiId)?.get(period)`, absent when the KPI has no value then.
 */
export async function readPeriodValues(
  source: PeriodSnapshotSource,
  kpiIds: readonly string[],
  periods: readonly string[],
  timeZone: string,
  options: { policy?: RetryPolicy } = {},
): Promise<Map<string, Map<string, number>>> {
  const values = new Map<string, Map<string, number>>();
  if (kpiIds.length === 0 || periods.length === 0) return values;
  const ranges = periods.map((p) => parsePeriod(p));
  const from = ranges.map((r) => r.startDate).sort()[0]!;
  const to = ranges.map((r) => r.endDate).sort().at(-1)!;
  const wanted = new Set(periods);
  const rows = await source.getKpiSnapshots({ ids: [...new Set(kpiIds)], timeZone, groupBy: ranges[0]!.groupBy, from, to }, options);
  for (const row of rows) {
    if (!wanted.has(row.group)) continue;
    const byPeriod = values.get(row.kpiId) ?? new Map<string, number>();
    byPeriod.set(row.group, row.value);
    values.set(row.kpiId, byPeriod);
  }
  return values;
}

/** One KPI's value in one period, or undefined when it has none. */
export async function readPeriodValue(source: PeriodSnapshotSource, kpiId: string, period: string, timeZone: string, options: { policy?: RetryPolicy } = {}): Promise<number | undefined> {
  return (await readPeriodValues(source, [kpiId], [period], timeZone, options)).get(kpiId)?.get(period);
}

/** The KPIs of `kpis` that have no value in `period` (in the order given): "not updated this week". */
export function withoutValueIn<K extends { id: string }>(kpis: readonly K[], values: ReadonlyMap<string, ReadonlyMap<string, number>>, period: string): K[] {
  return kpis.filter((kpi) => values.get(kpi.id)?.get(period) === undefined);
}
