import type { Kpi } from '../gtmhub/types.js';
import type { SearchIndex } from './search.js';

export type KpiResolution =
  | { kind: 'found'; kpi: Kpi }
  | { kind: 'ambiguous'; candidates: Kpi[] }
  | { kind: 'unknown'; closest: Kpi[] };

/** How many candidates an ambiguous name offers (Slack's select holds 100 options). */
const MAX_CANDIDATES = 100;

/**
 * Finds the one KPI a user meant by `ref`: its id, its exact name, or a name prefix only one KPI
 * has ("a unique prefix is enough"); failing those, a unique word-start or substring match.
 * Several equally good matches are ambiguous; none gives the closest names.
 */
export function resolveKpiRef(index: SearchIndex<Kpi>, ref: string): KpiResolution {
  const byId = index.byId(ref.trim());
  if (byId) return { kind: 'found', kpi: byId };
  const { matches } = index.search(ref, MAX_CANDIDATES + 1);
  const onName = matches.filter((m) => m.matchedOn !== 'group');
  for (const rank of ['exact', 'prefix', 'word', 'substring'] as const) {
    const at = onName.filter((m) => m.rank === rank).map((m) => m.kpi);
    if (at.length === 1) return { kind: 'found', kpi: at[0]! };
    if (at.length > 1) return { kind: 'ambiguous', candidates: at.slice(0, MAX_CANDIDATES) };
  }
  return { kind: 'unknown', closest: index.closest(ref, 3) };
}
