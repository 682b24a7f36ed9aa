/**
 * Everything this module assumes about Gtmhub where its public API reference
 * (developer.gtmhub.com/api-reference/; the same pages under developer.us.gtmhub.com and
 * developer.quantive.com/api-reference/results/) is silent, and the decisions the reference drove.
 * Each sits here once, with a comment naming the page, so that checking a live account means
 * reading this file and correcting it in one place. docs/gtmhub-assumptions.md lists the same
 * points, each marked confirmed, contradicted or unverified.
 */

// ---------------------------------------------------------------------------------------------
// Hosts
// ---------------------------------------------------------------------------------------------

/**
 * Gtmhub's API bases: EU and US data centres, for both brands. The Quantive pages say the account
 * lives in the EU or the US data centre and give `https://app.quantive.com/results/api/v1/` and
 * `https://app.us.quantive.com/results/api/v1/` (developer.quantive.com/api-reference/results/usage.html);
 * the Gtmhub pages write `https://app.(us.)gtmhub.com/api/v1/…` (developer.gtmhub.com/api-reference/paging.html).
 * The client appends `/v1/…` and `/v2/…` itself.
 */
export const GTMHUB_API_BASE_URLS = [
  'https://app.gtmhub.com/api',
  'https://app.us.gtmhub.com/api',
  'https://app.quantive.com/results/api',
  'https://app.us.quantive.com/results/api',
] as const;

/** The EU Gtmhub host, the default. */
export const DEFAULT_BASE_URL = GTMHUB_API_BASE_URLS[0];

// ---------------------------------------------------------------------------------------------
// Paging and sorting (every list)
// ---------------------------------------------------------------------------------------------

/**
 * The field every paged read sorts by when the caller names none, and the tie-breaker after a
 * caller's sort. The paging page says "Sorting your response is a must when you are paging though a
 * large collection of items. Otherwise, you risk getting some items more than once and omitting some
 * items entirely" (developer.gtmhub.com/api-reference/paging.html); a sort is only stable on a unique,
 * immutable field. The sorting page lists "creation date, name, or id" as common sort keys
 * (developer.gtmhub.com/api-reference/sorting.html) and the users page addresses the id as `_id`
 * (`filter={"_id":"611f…"}`, developer.quantive.com/api-reference/results/users.html): we sort by
 * `_id`, Mongo's own unique key. Unverified for `/v2/kpis` and `/v1/kpis/groups`, whose pages name
 * no sort fields.
 */
export const STABLE_SORT_FIELD = '_id';

/**
 * The `sort` to send: the caller's, with `_id` appended as a tie-breaker unless it already sorts by
 * the id (the reference's sort is a comma-separated list, `sort=-name,dateCreated`:
 * developer.us.gtmhub.com/api-reference/teams.html); `_id` alone when the caller has none.
 */
export function stableSort(sort: string | undefined): string {
  const keys = (sort ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const sortsById = keys.some((k) => ['id', '_id'].includes(k.replace(/^-/, '')));
  return sortsById ? keys.join(',') : [...keys, STABLE_SORT_FIELD].join(',');
}

/**
 * `/v2/…` list endpoints are sent the page size as both `take` and `limit`. The paging page says
 * skip/take "will work with Gtmhub API V2 for the goals endpoint. Other V2 endpoints may support
 * limit as a parameter as well" (developer.gtmhub.com/api-reference/paging.html); the newer v2 pages
 * document `limit` ("The max number of entities that can be returned by the GET query. By default
 * take value is 100": v2 teams, metrics) and `GET /v2/users` documents both `take` and `limit`. The
 * `/v2/kpis` page documents no parameters at all, so we send both with the same value: an endpoint
 * that reads either one gets the page size we page by.
 */
export const V2_SENDS_LIMIT_BESIDE_TAKE = true;

/**
 * How many passes over a collection a whole read makes at most when `totalCount` says more items
 * exist than distinct ones arrived (a sort that was not stable after all, or items added while
 * paging). After the last pass the read logs an error and serves what arrived.
 */
export const MAX_PAGING_PASSES = 3;

// ---------------------------------------------------------------------------------------------
// GET /v2/kpis: paging, filter, sort, projection
// ---------------------------------------------------------------------------------------------

/**
 * The most KPIs one `GET /v2/kpis` page gives. The KPIs page names no paging parameters; the paging
 * page says Gtmhub pages with `skip` and `take` and that most endpoints default to 100
 * (developer.gtmhub.com/api-reference/paging.html). We ask for 100 and accept fewer (the server may
 * cap lower): a read advances `skip` by what it received and stops at `totalCount`, on an empty page,
 * or when a page brings no new ids (a server that ignores `skip`).
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
  /** The same as `take` (see `V2_SENDS_LIMIT_BESIDE_TAKE`). */
  limit?: number;
}

/**
 * How the list query is encoded. The reference says "filter, sort and projection expressions" but
 * not where: we send them as query parameters (a GET body is dropped by many proxies; the newer v2
 * pages document `filter`, `sort`, `fields` as query parameters: developer.us.gtmhub.com/api-reference/teams.html).
 * A projection always includes `id` and `name`, because a KPI without them cannot be parsed or shown.
 * The sort is always stable (`stableSort`).
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
  params.sort = stableSort(query.sort);
  if (query.fields !== undefined) params.fields = [...new Set(['id', 'name', ...query.fields])].join(',');
  if (query.skip !== undefined) params.skip = query.skip;
  if (query.take !== undefined) {
    params.take = query.take;
    if (V2_SENDS_LIMIT_BESIDE_TAKE) params.limit = query.take;
  }
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
// GET /v1/kpis/groups
// ---------------------------------------------------------------------------------------------

/**
 * KPI group names. The KPI Groups page documents `GET /v1/kpis/groups` answering
 * `kpiGroupsWithTotalCount`: `{ count, items: [{ accountId, createdById, dateCreated, dateUpdated,
 * favorite, id, modifiedById, name }], totalCount }` (developer.gtmhub.com/api-reference/kpigroups.html);
 * the newer page says it "Loads all kpis groups using filter, sort and projection expressions"
 * (developer.us.gtmhub.com/api-reference/results/kpigroups.html) and, like most list endpoints, it
 * caps a page: we page it like `/v2/kpis`. Everything must still work with group ids alone when it
 * fails, so the catalogue catches its errors.
 */
export const KPI_GROUPS_PATH = '/v1/kpis/groups';

/**
 * Groups per page: the common default of 100 (paging.html). The page names no paging parameters; we
 * send `sort`, `skip` and `take` as query parameters, as for KPIs (an assumption; a v1 endpoint, so
 * no `limit`).
 */
export const KPI_GROUPS_PAGE_SIZE = 100;

export function listKpiGroupsParams(page: { skip: number; take: number }): { sort: string; skip: number; take: number } {
  return { sort: stableSort(undefined), skip: page.skip, take: page.take };
}

// ---------------------------------------------------------------------------------------------
// Users: GET /v2/users
// ---------------------------------------------------------------------------------------------

/**
 * The users list. `GET /v1/accounts/users` is marked "DEPRECATED … Use Get Users V2 instead"
 * (developer.gtmhub.com/api-reference/users.html, deprecated.html); the newer users page documents
 * `GET /users` in the v2 section, "Loads all users for a specific account using filter, sort and
 * field projection", with `fields`, `filter` (Mongo syntax), `sort`, `skip`, `take` and `limit`
 * (developer.quantive.com/api-reference/results/users.html). Its answer is not shown: we assume
 * `{ items: [{ id, email, firstName, lastName }], totalCount }` like the other lists, and accept
 * `_id` for `id` (the page filters by `_id`).
 */
export const USERS_PATH = '/v2/users';

/** Users per page: "By default take value is 100" (users.html). */
export const USERS_PAGE_SIZE = 100;

/**
 * The projection we ask for: `fields` is marked required on the users page ("to get only the user's
 * email, first and last name use fields=email,firstName,lastName"); we add `id`.
 */
export const USER_FIELDS = ['id', 'email', 'firstName', 'lastName'] as const;

/**
 * A filter for one email, case-insensitive: emails are compared without case (a Slack profile may
 * write `Ana@Example.com` for Gtmhub's `ana@example.com`). The page says the filter is Mongo
 * syntax; `$regex` with `$options: "i"` and an anchored, escaped pattern is our reading.
 */
export function userEmailFilter(email: string): Record<string, unknown> {
  const escaped = email.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { email: { $regex: `^${escaped}$`, $options: 'i' } };
}

export function listUsersParams(query: { email?: string; skip?: number; take?: number }): Record<string, string | number> {
  const params: Record<string, string | number> = { fields: USER_FIELDS.join(','), sort: stableSort(undefined) };
  if (query.email !== undefined) params['filter'] = JSON.stringify(userEmailFilter(query.email));
  if (query.skip !== undefined) params['skip'] = query.skip;
  if (query.take !== undefined) {
    params['take'] = query.take;
    if (V2_SENDS_LIMIT_BESIDE_TAKE) params['limit'] = query.take;
  }
  return params;
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

// ---------------------------------------------------------------------------------------------
// Links to KPIs in Gtmhub's web app (link unfurls)
// ---------------------------------------------------------------------------------------------

/**
 * The web app's hosts (the API hosts without their `/api` path), which manifest.yml lists as
 * `unfurl_domains`. Slack allows at most 5.
 */
export const GTMHUB_WEB_HOSTS = ['app.gtmhub.com', 'app.us.gtmhub.com', 'app.quantive.com', 'app.us.quantive.com'] as const;

/**
 * UNVERIFIED: the shape of a link to one KPI in the web app. The public API reference does not
 * document the web app's routes; kpibot takes any link on a web host whose path (or `#` route)
 * has a `kpis` segment followed by a 24-hex id (`https://app.gtmhub.com/#/kpis/5e8e…`,
 * `https://app.quantive.com/results/kpis/5e8e…/details`). Check against a live account.
 */
export const KPI_LINK_ID = /(?:^|\/)kpis\/([0-9a-f]{24})(?:[/?#]|$)/i;

/** The KPI id a web-app link names, or undefined for any other link. */
export function kpiIdOfLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!(GTMHUB_WEB_HOSTS as readonly string[]).includes(parsed.hostname.toLowerCase())) return undefined;
  const route = `${parsed.pathname}${parsed.hash.replace(/^#/, '')}`;
  return KPI_LINK_ID.exec(route)?.[1]?.toLowerCase();
}

/** The web app's base URL for an API base URL: the API base without its trailing `/api`. */
export function webAppUrlOf(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
}

/**
 * UNVERIFIED: the link kpibot gives to one KPI (a workflow step's `link` output), in the `#/kpis/<id>`
 * shape `KPI_LINK_ID` reads back, e.g. `https://app.gtmhub.com/#/kpis/5e8e…`. Check against a live account.
 */
export function kpiWebLink(webAppUrl: string, kpiId: string): string {
  return `${webAppUrl.replace(/\/+$/, '')}/#/kpis/${encodeURIComponent(kpiId)}`;
}
