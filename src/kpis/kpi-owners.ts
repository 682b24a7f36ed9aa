/**
 * A KPI's owners as Gtmhub user ids. Gtmhub has `ownerIds` (several owners) and the older `ownerId`;
 * a KPI that only carries the old field still has that one owner.
 */
import type { Kpi } from '../gtmhub/types.js';

export function ownerIdsOfKpi(kpi: Pick<Kpi, 'ownerIds' | 'ownerId'>): readonly string[] {
  if (kpi.ownerIds.length > 0) return kpi.ownerIds;
  return kpi.ownerId ? [kpi.ownerId] : [];
}

/** The KPIs `gtmhubUserId` owns, in the order given. */
export function kpisOwnedBy<K extends Pick<Kpi, 'ownerIds' | 'ownerId'>>(kpis: readonly K[], gtmhubUserId: string): K[] {
  return kpis.filter((kpi) => ownerIdsOfKpi(kpi).includes(gtmhubUserId));
}
