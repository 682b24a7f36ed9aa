/**
 * `GET /v2/kpis`: filter, sort, page and project the account's KPIs. The sorted (and filtered) order
 * is cached in the state until the next KPI write, so paging through 20,000 KPIs costs one sort.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { parseFilter } from './filter.js';
import { orderedItems, pageOf, pageWindow, type ListPage } from './list-order.js';
import type { SimState } from './state.js';

export { MAX_TAKE } from './list-order.js';

export type KpiListPage = ListPage<Partial<Kpi>>;

/**
 * One page of KPIs: `filter`, `sort` (without one, see `orderedItems`: a new order per request by
 * default), `fields`, `skip`, and `take` or `limit` (at most 100).
 */
export function listKpis(state: SimState, query: Record<string, string>): KpiListPage {
  const window = pageWindow(query);
  const filterText = query.filter?.trim();
  // Parse before consulting the cache: a bad filter must answer 400 even when it was cached.
  const predicate = filterText ? parseFilter(filterText) : undefined;
  const cache = (key: string, compute: () => Kpi[]): Kpi[] => state.cached(key, compute);
  const { items: ordered, sorted } = orderedItems(() => [...state.kpis.values()], query.sort, state, 'name', cache);
  const keep = (list: Kpi[]): Kpi[] => list.filter((kpi) => predicate!(kpi as unknown as Record<string, unknown>));
  const matching = !predicate ? ordered : sorted ? state.cached(`filter:${query.sort}:${filterText}`, () => keep(ordered)) : keep(ordered);
  const fields = query.fields ? parseFields(query.fields) : undefined;
  return pageOf(matching, window, (kpi) => (fields ? project(kpi, fields) : { ...kpi }));
}

function parseFields(text: string): string[] {
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return fields.includes('id') ? fields : ['id', ...fields];
}

function project(kpi: Kpi, fields: string[]): Partial<Kpi> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (kpi as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}
