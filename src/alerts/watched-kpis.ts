/**
 * The KPIs a rule's target stands for, answered from the KPI catalogue (no Gtmhub request in the
 * steady state). A KPI or group missing from the view may only be newer than it, or the view
 * older than a deletion: the catalogue is read again at most once a minute before a target is
 * called deleted (and its rules paused).
 */
import type { CatalogueView } from '../kpis/catalogue.js';
import type { WatchedKpi } from './detect.js';
import type { WatchedKpis } from './poll.js';
import type { AlertTarget } from './types.js';

export interface CatalogueReader {
  get(): Promise<CatalogueView>;
  refresh(): Promise<CatalogueView>;
}

/** How old the view must be before a missing target makes the poll read the catalogue again. */
export const RECHECK_AFTER_MS = 60_000;

export interface CatalogueWatchedKpis extends WatchedKpis {
  groupsOf(teamId: string, kpiId: string): Promise<string[]>;
}

export function catalogueWatchedKpis(catalogue: CatalogueReader, now: () => number): CatalogueWatchedKpis {
  const resolve = (view: CatalogueView, target: AlertTarget): WatchedKpi[] | undefined => {
    if (target.kind === 'kpi') {
      const kpi = view.byId.get(target.kpiId);
      return kpi ? [{ kpiId: kpi.id, targetOperator: kpi.targetOperator }] : undefined;
    }
    const kpis = view.kpis.filter((k) => k.groups.includes(target.groupId));
    // Without group names (their call failed) a group with no KPI is not called deleted.
    if (kpis.length === 0 && view.groupNames.size > 0 && !view.groupNames.has(target.groupId)) return undefined;
    return kpis.map((k) => ({ kpiId: k.id, targetOperator: k.targetOperator }));
  };
  return {
    async kpisOf(_teamId, target) {
      let view = await catalogue.get();
      let kpis = resolve(view, target);
      if (kpis === undefined && now() - view.loadedAt >= RECHECK_AFTER_MS) {
        view = await catalogue.refresh();
        kpis = resolve(view, target);
      }
      return kpis ?? 'deleted';
    },
    async groupsOf(_teamId, kpiId) {
      return [...((await catalogue.get()).byId.get(kpiId)?.groups ?? [])];
    },
  };
}
