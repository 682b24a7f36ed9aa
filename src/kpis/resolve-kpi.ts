import type { Kpi } from '../gtmhub/types.js';
import type { MatchRank, SearchIndex } from './search.js';

export type KpiResolution =
  | { kind: 'found'; kpi: Kpi }
  | { kind: 'ambiguous'; candidates: Kpi[] }
  | { kind: 'unknown'; closest: Kpi[] };

export interface ResolveOptions {
  /**
   * `write` (recording a value): only an id, the exact name or a prefix only one KPI has picks a KPI
   * by itself; a lone word-start or substring match ("ate" in "Churn rate") is offered as a
   * candidate instead, because a wrong guess would store a value in the wrong KPI. Default `read`.
   */
  purpose?: 'read' | 'write';
}

/** How many candidates an ambiguous name offers (Slack's select holds 100 options). */
const MAX_CANDIDATES = 100;

const DIRECT: Record<NonNullable<ResolveOptions['purpose']>, ReadonlySet<MatchRank>> = {
  read: new Set(['exact', 'prefix', 'word', 'substring']),
  write: new Set(['exact', 'prefix']),
};

/**
 * Finds the one KPI a user meant by `ref`: its id, its exact name, or a name prefix only one KPI
 * has ("a unique prefix is enough"); failing those, for reads, a unique word-start or substring
 * match. Several equally good matches are ambiguous; none gives the closest names.
 */
export function resolveKpiRef(index: SearchIndex<Kpi>, ref: string, options: ResolveOptions = {}): KpiResolution {
  const byId = index.byId(ref.trim());
  if (byId) return { kind: 'found', kpi: byId };
  const direct = DIRECT[options.purpose ?? 'read'];
  const { matches } = index.search(ref, MAX_CANDIDATES + 1);
  const onName = matches.filter((m) => m.matchedOn !== 'group');
  for (const rank of ['exact', 'prefix', 'word', 'substring'] as const) {
    const at = onName.filter((m) => m.rank === rank).map((m) => m.kpi);
    if (at.length === 0) continue;
    if (at.length === 1 && direct.has(rank)) return { kind: 'found', kpi: at[0]! };
    // Matches not good enough to pick alone are offered together with the weaker ones, best first.
    const offered = direct.has(rank) ? at : onName.filter((m) => !direct.has(m.rank)).map((m) => m.kpi);
    return { kind: 'ambiguous', candidates: offered.slice(0, MAX_CANDIDATES) };
  }
  return { kind: 'unknown', closest: index.closest(ref, 3) };
}

/** Gtmhub ids are MongoDB ObjectIds: 24 hexadecimal digits. */
const GTMHUB_ID = /^[0-9a-f]{24}$/i;

/**
 * Like `resolveKpiRef`, but a ref that looks like a Gtmhub id and is not (yet) in the catalogue —
 * a KPI created in Gtmhub since the last refresh — is read from Gtmhub before saying "no match".
 * `fetchKpi` answers `undefined` when Gtmhub has no such KPI; other failures propagate.
 */
export async function resolveKpiRefOrFetch(
  index: SearchIndex<Kpi>,
  ref: string,
  fetchKpi: (id: string) => Promise<Kpi | undefined>,
  options: ResolveOptions = {},
): Promise<KpiResolution> {
  const resolved = resolveKpiRef(index, ref, options);
  const id = ref.trim();
  if (resolved.kind !== 'unknown' || !GTMHUB_ID.test(id)) return resolved;
  const fetched = await fetchKpi(id);
  return fetched ? { kind: 'found', kpi: fetched } : resolved;
}
