/**
 * Everything this module assumes about Gtmhub where the API reference
 * (shared/seeds/000_9809fdb818160946.txt) is silent. Each assumption sits here once, with a comment,
 * so that checking a live account means reading this file and correcting it in one place.
 * docs/gtmhub-assumptions.md lists the same assumptions for readers who do not read code.
 */

/**
 * `GET /v1/kpis/groups` (group names) is documented by Gtmhub outside our reference. It answers
 * `{ items: [{ id, name, favorite }], totalCount }`; everything must still work with group ids alone
 * when it fails, so callers catch its errors.
 */
export const KPI_GROUPS_PATH = '/v1/kpis/groups';

/** Gtmhub's public API host (Quantive Results accounts may use `https://app.quantive.com/results/api`). */
export const DEFAULT_BASE_URL = 'https://app.gtmhub.com/api';

// ---------------------------------------------------------------------------------------------
// GET /v2/kpis: paging, filter, sort, projection
// ---------------------------------------------------------------------------------------------

/**
 * The most KPIs one `GET /v2/kpis` page gives. The reference names no paging parameters; we page
 * with `skip`/`take`, ask for 100, and accept fewer (the server may cap lower): iteration advances
 * `skip` by what it received and stops at `totalCount`, on an empty page, or when a page brings no
 * new ids (a server that ignores `skip`).
 */
export const KPI_PAGE_SIZE = 100;

/** A KPI list query as Gtmhub reads it: every value a query-string parameter. */
export interface ListKpisParams {
  /** Mongo-like filter as JSON text, e.g. `{"name":{"$regex":"rev","$options":"i"}}`. */
  filter?: string;
  /** A field name, `-` in front for descending. */
  sort?: string;
  /** Comma-separated projection. */
  fields?: string;
  skip?: number;
  take?: number;
}

/**
 * How the list query is encoded. The reference says "filter, sort and projection expressions" but
 * not where: we send them as query parameters (a GET body is dropped by many proxies). A projection
 * always includes `id` and `name`, because a KPI without them cannot be parsed or shown.
 */
export function listKpisParams(query: {
  filter?: Record<string, unknown>;
  sort?: string;
  fields?: string[];
  skip?: number;
  take?: number;
}): ListKpisParams {
  const params: ListKpisParams = {};
  if (query.filter !== undefined) params.filter = JSON.stringify(query.filter);
  if (query.sort !== undefined) params.sort = query.sort;
  if (query.fields !== undefined) params.fields = [...new Set(['id', 'name', ...query.fields])].join(',');
  if (query.skip !== undefined) params.skip = query.skip;
  if (query.take !== undefined) params.take = query.take;
  return params;
}

/**
 * A list answer is `{ items, totalCount }`; the reference's sample also has `count` (the same
 * number there). We read `totalCount`, fall back to `count`, and when both are missing treat the
 * page as the whole list. A bare array is accepted as a whole list too (insight usages, snapshots).
 */
export function listEnvelopeOf(json: unknown): { items: unknown; totalCount: number | undefined } | undefined {
  if (Array.isArray(json)) return { items: json, totalCount: json.length };
  if (json === null || typeof json !== 'object') return undefined;
  const record = json as Record<string, unknown>;
  if (!('items' in record)) return undefined;
  const total = typeof record['totalCount'] === 'number' ? record['totalCount'] : record['count'];
  const items = record['items'];
  return {
    items,
    totalCount: typeof total === 'number' && Number.isFinite(total) ? total : Array.isArray(items) ? items.length : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Snapshot reads: GET /v1/kpi-snapshots and GET /v1/kpis/snapshots
// ---------------------------------------------------------------------------------------------

/**
 * The reference's `groupBy` sample is just "string". We assume these four, with period labels
 * `2026-11-28` (day), `2026-W48` (ISO week), `2026-11` (month), `2026-Q4` (quarter) — the week label
 * is the one the reference shows in the snapshot-create sample (`2022-W36`).
 */
export const GROUP_BY_VALUES = ['day', 'week', 'month', 'quarter'] as const;

/**
 * Snapshot reads answer `{ items: [{ kpiId, group, value, timeZone?, dateCreated? }], totalCount }`,
 * one row per KPI and period (a bare array is accepted too). The reference shows no response body.
 *
 * - `value` may come as a numeric string (`"12.5"`): some Gtmhub endpoints serialise decimals as
 *   strings, and reading one costs nothing. Any other non-number is a bad response.
 * - A row whose `value` is `null` is a period without a value and is dropped.
 * - `from`/`to` are inclusive `YYYY-MM-DD` dates, sent as given.
 */
export const SNAPSHOT_VALUES_MAY_BE_NUMERIC_STRINGS = true;
export const SNAPSHOT_ROWS_WITH_NULL_VALUE_ARE_DROPPED = true;

/**
 * How many ids one snapshot request carries. URLs must stay well under 4 KB (a common limit of
 * proxies and load balancers); a Mongo id is 24 characters, plus a comma, so 60 ids ≈ 1.5 KB.
 * `MAX_IDS_QUERY_CHARS` also bounds the encoded `ids` value for ids longer than Mongo's.
 */
export const IDS_PER_REQUEST = 60;
export const MAX_IDS_QUERY_CHARS = 2_000;
/** The URL length we promise to stay under, whatever the ids (asserted in tests). */
export const MAX_URL_CHARS = 4_096;
/** How many batched requests run at once: enough to hide latency, few enough not to trip 429s. */
export const BATCH_CONCURRENCY = 4;

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** `PUT /v1/users/kpi-virtual-group/favorite`: the reference shows no body; we send this one. */
export function favoriteBody(groupId: string, favorite: boolean): { groupId: string; favorite: boolean } {
  return { groupId, favorite };
}

/**
 * `POST /v1/kpis/{id}/snapshots` answers 200 or 201 with a small JSON body whose fields we do not
 * rely on; `DELETE /v1/kpis/{id}` answers 200 or 204 with any or no body. Both bodies are discarded
 * unread, so that an odd body can never turn a recorded value into a reported failure.
 */
export const WRITE_ANSWERS_ARE_IGNORED = true;

/**
 * `PATCH /v1/kpis/{id}` answers the updated KPI (the reference shows no body). When the body is not
 * a KPI we return `null` rather than fail: the update did happen.
 */
export const PATCH_ANSWERS_UPDATED_KPI = true;

/**
 * `GET /v1/insights/{id}/usages/kpis`: an insight is addressed by its name (what `insightLink`
 * carries); the answer is `{ items: Kpi[], totalCount }` or a bare array.
 */
export const INSIGHTS_ARE_ADDRESSED_BY_NAME = true;

// ---------------------------------------------------------------------------------------------
// Values we send and validate
// ---------------------------------------------------------------------------------------------

/** Aggregations we send. Reads accept any string (a live account may have others). */
export const KPI_AGGREGATIONS = ['last', 'sum', 'average'] as const;
export type KpiAggregation = (typeof KPI_AGGREGATIONS)[number];

/** Target operators we send. The reference shows `should_increase`; the opposite is our reading. */
export const TARGET_OPERATORS = ['should_increase', 'should_decrease'] as const;
export type TargetOperator = (typeof TARGET_OPERATORS)[number];

/** `formatting.fractionSize`: decimals shown; the reference shows 2, we allow whole numbers 0–10. */
export const FRACTION_SIZE_MIN = 0;
export const FRACTION_SIZE_MAX = 10;

/** `formatting` when a KPI comes without one: a whole number, no prefix or suffix. */
export const DEFAULT_FORMATTING = { fractionSize: 0, prefix: '', suffix: '' } as const;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Gtmhub's error bodies are JSON with `message` (or `error`, or `title` as in RFC 7807 problem
 * details), else plain text. Returns the text Gtmhub meant for humans, or undefined.
 */
export function errorMessageOf(bodyText: string): string | undefined {
  const text = bodyText.trim();
  if (text === '') return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (json !== null && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      for (const key of ['message', 'error', 'title']) {
        const value = record[key];
        if (typeof value === 'string' && value.trim() !== '') return value.trim();
      }
      return undefined;
    }
    return typeof json === 'string' && json.trim() !== '' ? json.trim() : undefined;
  } catch {
    // An HTML error page from a proxy is not a message for humans.
    return /^\s*</.test(text) ? undefined : text;
  }
}
