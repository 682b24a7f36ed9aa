/**
 * `GET /v2/kpis`: filter, sort, page and project the account's KPIs. The sorted (and filtered) order
 * is cached in the state until the next KPI write, so paging through 20,000 KPIs costs one sort.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { badRequest } from './errors.js';
import { parseFilter } from './filter.js';
import { compareText, type SimState } from './state.js';

/** Gtmhub answers at most this many items per page, whatever `take` asks for. */
export const MAX_TAKE = 100;

export interface KpiListPage {
  items: Partial<Kpi>[];
  totalCount: number;
  /** Items on this page. */
  count: number;
}

export function listKpis(state: SimState, query: Record<string, string>): KpiListPage {
  const sort = query.sort?.trim() || 'name';
  const skip = nonNegativeInteger('skip', query.skip, 0);
  const take = Math.min(nonNegativeInteger('take', query.take, MAX_TAKE), MAX_TAKE);
  const filterText = query.filter?.trim();
  // Parse before consulting the cache: a bad filter must answer 400 even when it was cached.
  const predicate = filterText ? parseFilter(filterText) : undefined;
  const sorted = state.cached(`sort:${sort}`, () => sortKpis([...state.kpis.values()], sort));
  const matching = predicate
    ? state.cached(`filter:${sort}:${filterText}`, () =>
        sorted.filter((kpi) => predicate(kpi as unknown as Record<string, unknown>)),
      )
    : sorted;
  const fields = query.fields ? parseFields(query.fields) : undefined;
  const items = matching.slice(skip, skip + take).map((kpi) => (fields ? project(kpi, fields) : { ...kpi }));
  return { items, totalCount: matching.length, count: items.length };
}

function sortKpis(kpis: Kpi[], sort: string): Kpi[] {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  if (!/^[A-Za-z][\w.]*$/.test(field)) throw badRequest(`sort "${sort}" is not a field name: write e.g. name or -dateUpdated.`);
  const path = field.split('.');
  const direction = descending ? -1 : 1;
  const keyed = kpis.map((kpi) => ({ kpi, key: valueAt(kpi, path) }));
  // Ties fall back to the id so that pages never overlap or skip items.
  keyed.sort((a, b) => direction * compareValues(a.key, b.key) || compareText(a.kpi.id, b.kpi.id));
  return keyed.map((k) => k.kpi);
}

/** Mongo's order across types, reduced to what KPIs hold: missing/null < numbers < strings < others. */
function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (ra === 0) return 0;
  return compareText(JSON.stringify(a), JSON.stringify(b));
}

function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}

function valueAt(kpi: Kpi, path: string[]): unknown {
  let value: unknown = kpi;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
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
  return out as Partial<Kpi>;
}

function nonNegativeInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a whole number of 0 or more, got "${text}".`);
  return n;
}
