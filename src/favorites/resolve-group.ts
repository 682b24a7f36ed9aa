/**
 * Finds the KPI group a user meant in `/kpi fav <group>`: its id, its name, or a unique prefix of
 * it, ignoring case and accents (the same normalisation and ranking as KPI search); and the groups
 * a typeahead offers for what was typed.
 */
import type { CatalogueView } from '../kpis/catalogue.js';
import { buildSearchIndex } from '../kpis/search.js';

export interface GroupRef {
  id: string;
  name: string;
}

export type GroupResolution =
  | { kind: 'found'; group: GroupRef }
  | { kind: 'ambiguous'; candidates: GroupRef[] }
  | { kind: 'unknown'; closest: GroupRef[] };

/** Every group the catalogue knows: named groups, and groups KPIs use whose name Gtmhub did not give (shown by id). */
export function knownGroups(view: Pick<CatalogueView, 'kpis' | 'groupNames'>): GroupRef[] {
  const groups = new Map<string, GroupRef>([...view.groupNames].map(([id, name]) => [id, { id, name }] as const));
  for (const kpi of view.kpis) for (const id of kpi.groups) if (!groups.has(id)) groups.set(id, { id, name: id });
  return [...groups.values()];
}

const RANKS = ['exact', 'prefix', 'word', 'substring'] as const;

/** Groups searched as if they were KPIs without groups: the index only reads id, name and groups. */
function groupIndex(groups: readonly GroupRef[]) {
  return buildSearchIndex(
    groups.map((g) => ({ ...g, groups: [] as string[] })),
    new Map(),
  );
}

/**
 * The groups a typeahead offers for what was typed, best matches first (every group by name when
 * nothing was typed), at most `limit`: the same normalisation and ranking as KPI search.
 */
export function searchGroups(groups: readonly GroupRef[], typed: string, limit: number): GroupRef[] {
  return groupIndex(groups)
    .search(typed, limit)
    .matches.map((m) => ({ id: m.kpi.id, name: m.kpi.name }));
}

export function resolveGroupRef(groups: readonly GroupRef[], ref: string): GroupResolution {
  const index = groupIndex(groups);
  const byId = index.byId(ref.trim());
  if (byId) return { kind: 'found', group: { id: byId.id, name: byId.name } };
  const { matches } = index.search(ref, groups.length);
  for (const rank of RANKS) {
    const at = matches.filter((m) => m.rank === rank).map((m) => ({ id: m.kpi.id, name: m.kpi.name }));
    if (at.length === 1) return { kind: 'found', group: at[0]! };
    if (at.length > 1) return { kind: 'ambiguous', candidates: at };
  }
  return { kind: 'unknown', closest: index.closest(ref, 3).map((g) => ({ id: g.id, name: g.name })) };
}
