/**
 * URL building: the base URL may carry a path (`https://app.quantive.com/results/api`), with or
 * without a trailing slash, and API paths start with `/v1/` or `/v2/`.
 */

/** Query parameters; `undefined` values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** `https://host/api/` + `/v1/kpis` → `https://host/api/v1/kpis`, plus the encoded query. */
export function buildUrl(baseUrl: string, path: string, query: QueryParams = {}): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  const search = encodeQuery(query);
  return search === '' ? `${base}${rest}` : `${base}${rest}?${search}`;
}

/**
 * `a=1&ids=x,y`. Commas stay literal: they are legal in a query (RFC 3986 sub-delims) and the
 * reference writes `ids=5e8c…,5e8e…`; it also keeps the `ids` value short.
 */
export function encodeQuery(query: QueryParams): string {
  return Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeQueryValue(String(value))}`)
    .join('&');
}

export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

/** Whether `value` can be one URL path segment once encoded (`.`/`..` would be resolved away). */
export function isUsablePathSegment(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..';
}

/** One encoded path segment: `/`, `?`, `#` cannot escape it. Check `isUsablePathSegment` first. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
