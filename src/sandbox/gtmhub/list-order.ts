/**
 * Order and paging of the simulator's list endpoints (`/v2/kpis`, `/v1/kpis/groups`, `/v2/users`).
 *
 * With `sort`, items come in that order (a comma-separated list of fields, `-` for descending,
 * `_id` meaning the id), ties broken by id, so pages never overlap or skip items. Without `sort`
 * the simulator does what Gtmhub's paging page warns of: "Sorting your response is a must when you
 * are paging though a large collection of items. Otherwise, you risk getting some items more than
 * once and omitting some items entirely" (developer.gtmhub.com/api-reference/paging.html): each
 * request gets its own order, drawn from a seeded PRNG and a request counter, so a test that pages
 * without sort sees duplicates and gaps, and sees the same ones every run.
 */
import { badRequest } from './errors.js';
import { mulberry32 } from './random.js';

/** Gtmhub answers at most this many items per page, whatever `take` or `limit` asks for. */
export const MAX_TAKE = 100;

/** What a list answers without `sort`: a new order per request (Gtmhub's warning), or a fixed one. */
export type UnsortedListOrder = 'unstable' | 'stable';

/** Where an unsorted request's order comes from (the simulator's state implements it). */
export interface ListOrdering {
  unsortedOrder: UnsortedListOrder;
  /** Seeds every unstable order. */
  orderSeed: number;
  /** 0, 1, 2, … : one per unsorted list request. */
  nextRequestNumber(): number;
}

/**
 * The items of a list request in the order it answers: by `sort` (cached through `cache` until the
 * next write), or, without one, a fresh order per request (`unstable`) or `stableDefault` (`stable`).
 */
export function orderedItems<T extends { id: string }>(
  all: () => readonly T[],
  sort: string | undefined,
  ordering: ListOrdering,
  stableDefault: string,
  cache: (key: string, compute: () => T[]) => T[] = (_key, compute) => compute(),
): { items: T[]; sorted: boolean } {
  if (sort === undefined || sort.trim() === '') {
    if (ordering.unsortedOrder === 'unstable') {
      return { items: shuffleForRequest(all(), ordering.orderSeed, ordering.nextRequestNumber()), sorted: false };
    }
    return orderedItems(all, stableDefault, ordering, stableDefault, cache);
  }
  const keys = parseSort(sort);
  return { items: cache(`sort:${sort}`, () => sortItems(all(), keys)), sorted: true };
}

export interface ListPage<T> {
  items: T[];
  totalCount: number;
  /** Items on this page. */
  count: number;
}

/** `skip` and the page size: `take` or `limit` (v2 endpoints document both), the smaller one, capped at 100. */
export function pageWindow(query: Record<string, string>): { skip: number; take: number } {
  const skip = nonNegativeInteger('skip', query.skip, 0);
  const take = nonNegativeInteger('take', query.take, MAX_TAKE);
  const limit = nonNegativeInteger('limit', query.limit, MAX_TAKE);
  return { skip, take: Math.min(take, limit, MAX_TAKE) };
}

export function pageOf<T, U = T>(items: readonly T[], window: { skip: number; take: number }, map: (item: T) => U): ListPage<U> {
  const page = items.slice(window.skip, window.skip + window.take).map(map);
  return { items: page, totalCount: items.length, count: page.length };
}

/** A parsed sort expression: fields (dotted paths) and their directions. */
export interface SortKey {
  path: string[];
  direction: 1 | -1;
}

/** Parses `-name,dateCreated`; `_id` reads the item's `id`. A 400 for anything that is not a field. */
export function parseSort(sort: string): SortKey[] {
  const keys = sort.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '')) throw badRequest(`sort "${sort}" has an empty field: write e.g. name or -name,dateCreated.`);
  return keys.map((key) => {
    const descending = key.startsWith('-');
    const field = descending ? key.slice(1) : key;
    if (!/^[A-Za-z_][\w.]*$/.test(field)) throw badRequest(`sort "${sort}" is not a list of field names: write e.g. name or -name,dateCreated.`);
    return { path: (field === '_id' ? 'id' : field).split('.'), direction: descending ? -1 : 1 };
  });
}

/** `items` sorted by `keys`, ties broken by id (Mongo's natural tie-breaker for a stable page order). */
export function sortItems<T extends { id: string }>(items: readonly T[], keys: readonly SortKey[]): T[] {
  const keyed = items.map((item) => ({ item, values: keys.map((k) => valueAt(item, k.path)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = keys[i]!.direction * compareValues(a.values[i], b.values[i]);
      if (order !== 0) return order;
    }
    return compareText(a.item.id, b.item.id);
  });
  return keyed.map((k) => k.item);
}

/**
 * A fresh order for one unsorted request: a Fisher–Yates shuffle seeded by the simulator's seed and
 * the request's number, so orders differ between requests but are the same in every run.
 */
export function shuffleForRequest<T>(items: readonly T[], seed: number, requestNumber: number): T[] {
  const random = mulberry32((seed ^ Math.imul(requestNumber + 1, 0x9e3779b1)) >>> 0);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Mongo's order across types, reduced to what the lists hold: missing/null < numbers < strings < others. */
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

function valueAt(item: unknown, path: string[]): unknown {
  let value: unknown = item;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function nonNegativeInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a whole number of 0 or more, got "${text}".`);
  return n;
}

/** Binary string order, as MongoDB sorts strings without a collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
