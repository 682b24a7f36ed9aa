/**
 * The routes the simulator serves, keyed the way faults and the request log name them. A literal
 * segment beats a parameter, so `/v1/kpis/snapshots` and `/v1/kpis/groups` are never read as KPI ids,
 * whatever the method.
 */
import { SimHttpError, notFound } from './errors.js';

export const ROUTE_KEYS = [
  'GET /v1/insights/:id/usages/kpis',
  'GET /v1/kpi-snapshots',
  'GET /v1/kpis/snapshots',
  'GET /v2/kpis',
  'GET /v1/kpis/groups',
  'GET /v1/kpis/:id',
  'POST /v1/kpis',
  'PATCH /v1/kpis/:id',
  'DELETE /v1/kpis/:id',
  'POST /v1/kpis/:id/snapshots',
  'PUT /v1/users/kpi-virtual-group/favorite',
  'GET /v2/users',
] as const;

export type RouteKey = (typeof ROUTE_KEYS)[number];

export interface RouteMatch {
  key: RouteKey;
  params: Record<string, string>;
}

interface Pattern {
  path: string;
  segments: string[];
  methods: Map<string, RouteKey>;
}

const PATTERNS: Pattern[] = (() => {
  const byPath = new Map<string, Pattern>();
  for (const key of ROUTE_KEYS) {
    const [method, path] = key.split(' ') as [string, string];
    let pattern = byPath.get(path);
    if (!pattern) {
      pattern = { path, segments: path.split('/').slice(1), methods: new Map() };
      byPath.set(path, pattern);
    }
    pattern.methods.set(method, key);
  }
  return [...byPath.values()];
})();

/**
 * The route of `method` + `path` (path without the `/api` prefix). Throws a 404 for a path no route
 * has and a 405 (with `Allow`) for a known path asked with another method.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const segments = path.split('/').slice(1);
  let best: { pattern: Pattern; params: Record<string, string>; score: string } | undefined;
  for (const pattern of PATTERNS) {
    const params = matchSegments(pattern.segments, segments);
    if (!params) continue;
    // '1' per literal segment, '0' per parameter, compared left to right: the most literal path wins.
    const score = pattern.segments.map((s) => (s.startsWith(':') ? '0' : '1')).join('');
    if (!best || score > best.score) best = { pattern, params, score };
  }
  if (!best) throw notFound(`No route ${method} ${path}.`);
  const key = best.pattern.methods.get(method);
  if (!key) {
    const allow = [...best.pattern.methods.keys()].join(', ');
    throw new SimHttpError('method_not_allowed', `${method} is not allowed on ${path}; use ${allow}.`, { allow });
  }
  return { key, params: best.params };
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = segments[i]!;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
