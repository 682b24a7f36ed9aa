/**
 * The Gtmhub KPI API client: one transport method (`apiCall`) and a typed facade where each API
 * method is a short call bound to it. Reference: Gtmhub's public API reference
 * (developer.gtmhub.com/api-reference/kpis.html, kpigroups.html, users.html, paging.html); what it
 * leaves open is settled in `assumptions.ts`.
 *
 * The client never reads `process.env` and never imports Slack: configuration, logger and
 * (optionally) the undici dispatcher are injected.
 */
import { Agent, type Dispatcher } from 'undici';
import { silentGtmhubLogger, type GtmhubLogger } from './logger.js';
import {
  BATCH_CONCURRENCY,
  DEFAULT_BASE_URL,
  IDS_PER_REQUEST,
  KPI_GROUPS_PAGE_SIZE,
  KPI_GROUPS_PATH,
  KPI_PAGE_SIZE,
  MAX_IDS_QUERY_CHARS,
  MAX_PAGING_PASSES,
  USERS_PAGE_SIZE,
  USERS_PATH,
  favoriteBody,
  listKpiGroupsParams,
  listKpisParams,
  listUsersParams,
} from './assumptions.js';
import { batchIds, mapWithConcurrency, uniqueIds } from './batch.js';
import { realTimers, type GtmhubClock } from './clock.js';
import { GtmhubClientOptionsError, GtmhubInvalidArgumentError } from './errors.js';
import { parseKpi, parseKpiGroupPage, parseKpiList, parseKpiOrNull, parseKpiPage, parseSnapshotRows, parseUserPage } from './parse.js';
import { readAllPages, type PageReader } from './paging.js';
import { interactiveWithinTwoSeconds, type RetryPolicy } from './retry.js';
import { sendApiCall, type ApiCallOptions, type HttpMethod, type TransportSettings } from './transport.js';
import type {
  CreateKpiRequest,
  CreateSnapshotRequest,
  GtmhubUser,
  Kpi,
  KpiGroup,
  KpiSnapshot,
  ListKpisQuery,
  ListUsersQuery,
  Page,
  SnapshotQuery,
  UpdateKpiRequest,
} from './types.js';
import { pathSegment } from './url.js';
import {
  problemWithCreateKpi,
  problemWithId,
  problemWithListQuery,
  problemWithPage,
  problemWithSnapshot,
  problemWithSnapshotQuery,
  problemWithUpdateKpi,
} from './validate.js';

export interface GtmhubTimeouts {
  /** TCP + TLS connect. Default 5,000 ms. Only applies to the pool the client creates. */
  connectMs?: number;
  /** From sending the request to receiving the response headers. Default 15,000 ms. */
  headersMs?: number;
  /** Longest pause between two chunks of the response body. Default 15,000 ms. */
  bodyMs?: number;
}

export interface GtmhubClientOptions {
  /** Base URL up to `/api`, may carry a path (`https://app.quantive.com/results/api`). Default `https://app.gtmhub.com/api`. */
  baseUrl?: string;
  /** API token (Bearer), from Gtmhub → Settings → API security. Never logged. */
  token: string;
  /** The account id, sent as the `gtmhub-accountId` header. */
  accountId: string;
  /** undici dispatcher to send through; default a keep-alive `Agent` the client owns (and `close()`s). */
  dispatcher?: Dispatcher;
  /** Receives one debug line per attempt (method, path, status, ms, attempt). Default: silent. */
  logger?: GtmhubLogger;
  /** Policy of calls that name none. Default `interactiveWithinTwoSeconds`. */
  retryPolicy?: RetryPolicy;
  /** Transport timeouts; each attempt is also bounded by what is left of the call's deadline. */
  timeouts?: GtmhubTimeouts;
  /** Jitter source for backoff; default `Math.random`. */
  random?: () => number;
  /** Timers of the deadline and of the waits between attempts; default Node's (`realTimers`). */
  clock?: GtmhubClock;
}

/** Options every facade method takes. */
export interface CallOptions {
  /** Retry policy of this call; default the client's `retryPolicy`. */
  policy?: RetryPolicy;
  /** Cancels the call with a `GtmhubAbortedError`. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUTS = { connectMs: 5_000, headersMs: 15_000, bodyMs: 15_000 } as const;

/** Connections the client's own pool keeps per origin: the batched reads run 4 at a time. */
const POOL_CONNECTIONS = 8;


export class GtmhubClient {
  readonly #settings: TransportSettings;
  readonly #options: GtmhubClientOptions;
  /** The dispatcher this client created, closed by `close()`; undefined when one was injected. */
  readonly #ownDispatcher: Agent | undefined;

  constructor(options: GtmhubClientOptions) {
    const baseUrl = checkedBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    if (typeof options.token !== 'string' || options.token.trim() === '') {
      throw new GtmhubClientOptionsError('GtmhubClient needs a token: create one in Gtmhub under Settings → API security.');
    }
    if (typeof options.accountId !== 'string' || options.accountId.trim() === '') {
      throw new GtmhubClientOptionsError('GtmhubClient needs an accountId: Gtmhub shows it next to the token under Settings → API security.');
    }
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#ownDispatcher = options.dispatcher
      ? undefined
      : new Agent({ connections: POOL_CONNECTIONS, connect: { timeout: timeouts.connectMs } });
    this.#options = options;
    this.#settings = {
      baseUrl,
      token: options.token,
      accountId: options.accountId,
      dispatcher: options.dispatcher ?? (this.#ownDispatcher as Agent),
      logger: options.logger ?? silentGtmhubLogger,
      defaultPolicy: options.retryPolicy ?? interactiveWithinTwoSeconds,
      headersTimeoutMs: timeouts.headersMs,
      bodyTimeoutMs: timeouts.bodyMs,
      ...(options.random ? { random: options.random } : {}),
      clock: options.clock ?? realTimers,
    };
  }

  /** The same pool and settings with another bearer token (a user who connected a personal token). */
  withToken(token: string): GtmhubClient {
    return new GtmhubClient({ ...this.#options, token, dispatcher: this.#settings.dispatcher });
  }

  /**
   * The one transport method: `method` `path` (`/v1/…` or `/v2/…`, relative to the base URL), with
   * retries per `options.policy` inside its deadline. Resolves to `options.parse(json)`; rejects
   * with a `GtmhubError`.
   */
  apiCall<T>(method: HttpMethod, path: string, options: ApiCallOptions<T>): Promise<T> {
    if (!path.startsWith('/')) {
      return Promise.reject(invalid(method, path, `path "${path}" must start with /v1/ or /v2/`));
    }
    return sendApiCall(this.#settings, method, path, options);
  }

  /** The KPIs an insight computes. `GET /v1/insights/{id}/usages/kpis`; the insight is addressed by name. */
  getInsightKpiUsages(insightName: string, opts: CallOptions = {}): Promise<Kpi[]> {
    return this.#withSegments('GET', '/v1/insights/{id}/usages/kpis', { insightName }, ([name]) =>
      this.apiCall('GET', `/v1/insights/${name}/usages/kpis`, { ...opts, parse: parseKpiList }),
    );
  }

  /** Snapshots of many KPIs, ids batched. `GET /v1/kpi-snapshots`. An empty `ids` sends nothing. */
  getKpiSnapshots(query: SnapshotQuery, opts: CallOptions = {}): Promise<KpiSnapshot[]> {
    return this.#readSnapshots('/v1/kpi-snapshots', query, opts);
  }

  /** Snapshots of many KPIs, ids batched. `GET /v1/kpis/snapshots`. An empty `ids` sends nothing. */
  getKpisSnapshots(query: SnapshotQuery, opts: CallOptions = {}): Promise<KpiSnapshot[]> {
    return this.#readSnapshots('/v1/kpis/snapshots', query, opts);
  }

  /**
   * One page of KPIs. `GET /v2/kpis` with `filter`, `sort`, `fields`, `skip`, `take` (and `limit`):
   * the sort is always made stable (`stableSort`: the caller's, then `_id`), see assumptions.ts.
   */
  listKpis(query: ListKpisQuery = {}, opts: CallOptions = {}): Promise<Page<Kpi>> {
    const problem = problemWithListQuery(query);
    if (problem) return Promise.reject(invalid('GET', '/v2/kpis', problem));
    return this.apiCall('GET', '/v2/kpis', { ...opts, query: { ...listKpisParams(query) }, parse: parseKpiPage });
  }

  /**
   * Every KPI matching `query`, sorted stably on every page (`GET /v2/kpis`, `KPI_PAGE_SIZE` at a
   * time), each once. When `totalCount` says more exist than distinct ones arrived, the list is read
   * again (up to `MAX_PAGING_PASSES` in all) and the shortfall logged: see `readAllPages`.
   */
  listAllKpis(query: Omit<ListKpisQuery, 'skip' | 'take'> = {}, opts: CallOptions = {}): Promise<Kpi[]> {
    return this.#readAll('GET /v2/kpis', KPI_PAGE_SIZE, (skip, take) => this.listKpis({ ...query, skip, take }, opts));
  }

  /**
   * One KPI. `GET /v1/kpis/{kpiId}`. `formatting` picks the description's form: Gtmhub's default is
   * `mentionsMarkup` (markdown and mention markup); `plainText` strips it.
   */
  getKpi(kpiId: string, opts: CallOptions & { formatting?: 'plainText' | 'mentionsMarkup' } = {}): Promise<Kpi> {
    const { formatting, ...call } = opts;
    return this.#withSegments('GET', '/v1/kpis/{kpiId}', { kpiId }, ([id]) =>
      this.apiCall('GET', `/v1/kpis/${id}`, { ...call, query: { formatting }, parse: (json) => parseKpi(json) }),
    );
  }

  /** Creates a KPI and returns it. `POST /v1/kpis` (never retried except on 429). */
  createKpi(body: CreateKpiRequest, opts: CallOptions = {}): Promise<Kpi> {
    const problem = problemWithCreateKpi(body);
    if (problem) return Promise.reject(invalid('POST', '/v1/kpis', problem));
    return this.apiCall('POST', '/v1/kpis', { ...opts, body, parse: (json) => parseKpi(json) });
  }

  /**
   * Changes only the fields given. `PATCH /v1/kpis/{kpiId}` (never retried except on 429).
   * Resolves to the updated KPI, or `null` when Gtmhub's answer is not a KPI (the update happened).
   */
  updateKpi(kpiId: string, body: UpdateKpiRequest, opts: CallOptions = {}): Promise<Kpi | null> {
    const problem = problemWithUpdateKpi(body);
    if (problem) return Promise.reject(invalid('PATCH', '/v1/kpis/{kpiId}', problem));
    return this.#withSegments('PATCH', '/v1/kpis/{kpiId}', { kpiId }, ([id]) =>
      this.apiCall('PATCH', `/v1/kpis/${id}`, { ...opts, body, responseBody: 'optional', parse: parseKpiOrNull }),
    );
  }

  /** Deletes a KPI and its snapshots. `DELETE /v1/kpis/{kpiId}`. */
  deleteKpi(kpiId: string, opts: CallOptions = {}): Promise<void> {
    return this.#withSegments('DELETE', '/v1/kpis/{kpiId}', { kpiId }, ([id]) =>
      this.apiCall('DELETE', `/v1/kpis/${id}`, { ...opts, responseBody: 'ignore', parse: () => undefined }),
    );
  }

  /**
   * Records a KPI value for one period. `POST /v1/kpis/{kpiId}/snapshots`. Sent at most once unless
   * Gtmhub answers 429: on a 5xx or a timeout the error's `mayHaveBeenProcessed` is true.
   */
  createSnapshot(kpiId: string, body: CreateSnapshotRequest, opts: CallOptions = {}): Promise<void> {
    const problem = problemWithSnapshot(body);
    if (problem) return Promise.reject(invalid('POST', '/v1/kpis/{kpiId}/snapshots', problem));
    return this.#withSegments('POST', '/v1/kpis/{kpiId}/snapshots', { kpiId }, ([id]) =>
      this.apiCall('POST', `/v1/kpis/${id}/snapshots`, { ...opts, body, responseBody: 'ignore', parse: () => undefined }),
    );
  }

  /** Stars or un-stars a KPI group for the token's user. `PUT /v1/users/kpi-virtual-group/favorite`. */
  setGroupFavorite(groupId: string, favorite: boolean, opts: CallOptions = {}): Promise<void> {
    const path = '/v1/users/kpi-virtual-group/favorite';
    const problem = problemWithId(groupId, 'groupId');
    if (problem) return Promise.reject(invalid('PUT', path, problem));
    return this.apiCall('PUT', path, { ...opts, body: favoriteBody(groupId, favorite), responseBody: 'ignore', parse: () => undefined });
  }

  /** One page of KPI groups, sorted by `_id`. `GET /v1/kpis/groups` (see assumptions.ts). */
  listKpiGroupsPage(page: { skip: number; take: number }, opts: CallOptions = {}): Promise<Page<KpiGroup>> {
    const problem = problemWithPage(page);
    if (problem) return Promise.reject(invalid('GET', KPI_GROUPS_PATH, problem));
    return this.apiCall('GET', KPI_GROUPS_PATH, { ...opts, query: listKpiGroupsParams(page), parse: parseKpiGroupPage });
  }

  /** Every KPI group with its name, all pages, each once (`GET /v1/kpis/groups`; see `listAllKpis`). */
  listKpiGroups(opts: CallOptions = {}): Promise<KpiGroup[]> {
    return this.#readAll(`GET ${KPI_GROUPS_PATH}`, KPI_GROUPS_PAGE_SIZE, (skip, take) => this.listKpiGroupsPage({ skip, take }, opts));
  }

  /**
   * One page of the account's users, sorted by `_id`, optionally only the one with `email`
   * (case-insensitive). `GET /v2/users`, the endpoint the users reference recommends over the
   * deprecated `GET /v1/accounts/users` (see assumptions.ts). A token whose user may not list users
   * gets a `GtmhubForbiddenError` (403). Emails are personal data: callers must not log them.
   */
  listUsers(query: ListUsersQuery = {}, opts: CallOptions = {}): Promise<Page<GtmhubUser>> {
    const problem = problemWithPage(query) ?? (query.email !== undefined && query.email.trim() === '' ? 'email is empty' : undefined);
    if (problem) return Promise.reject(invalid('GET', USERS_PATH, problem));
    return this.apiCall('GET', USERS_PATH, { ...opts, query: listUsersParams(query), parse: parseUserPage });
  }

  /** Every user (or every user with `email`), all pages, each once (`GET /v2/users`; see `listAllKpis`). */
  listAllUsers(query: Omit<ListUsersQuery, 'skip' | 'take'> = {}, opts: CallOptions = {}): Promise<GtmhubUser[]> {
    return this.#readAll(`GET ${USERS_PATH}`, USERS_PAGE_SIZE, (skip, take) => this.listUsers({ ...query, skip, take }, opts));
  }

  /** Closes the pool the client created; an injected dispatcher is left to its owner. */
  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }

  async #readSnapshots(path: string, query: SnapshotQuery, opts: CallOptions): Promise<KpiSnapshot[]> {
    const ids = uniqueIds(query.ids);
    if (ids.length === 0) return [];
    const problem = problemWithSnapshotQuery({ ...query, ids });
    if (problem) throw invalid('GET', path, problem);
    const batches = batchIds(ids, { maxIds: IDS_PER_REQUEST, maxEncodedChars: MAX_IDS_QUERY_CHARS });
    const { timeZone, groupBy, from, to } = query;
    const answers = await mapWithConcurrency(batches, BATCH_CONCURRENCY, (batch) =>
      this.apiCall('GET', path, { ...opts, query: { ids: batch.join(','), timeZone, groupBy, from, to }, parse: parseSnapshotRows }),
    );
    return answers.flat();
  }

  #readAll<T extends { id: string }>(endpoint: string, pageSize: number, read: PageReader<T>): Promise<T[]> {
    return readAllPages(read, { endpoint, pageSize, maxPasses: MAX_PAGING_PASSES, logger: this.#settings.logger });
  }

  /** Checks and encodes path ids, then makes the call; a bad id is refused before anything is sent. */
  async #withSegments<T>(
    method: HttpMethod,
    template: string,
    ids: Record<string, string>,
    call: (segments: string[]) => Promise<T>,
  ): Promise<T> {
    const segments: string[] = [];
    for (const [what, id] of Object.entries(ids)) {
      const problem = problemWithId(id, what);
      if (problem) throw invalid(method, template, problem);
      segments.push(pathSegment(id));
    }
    return call(segments);
  }
}

function invalid(method: string, path: string, problem: string): GtmhubInvalidArgumentError {
  return new GtmhubInvalidArgumentError({ method, path, problem });
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new GtmhubClientOptionsError(`GtmhubClient baseUrl "${baseUrl}" is not a URL: use e.g. https://app.gtmhub.com/api.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GtmhubClientOptionsError(`GtmhubClient baseUrl "${baseUrl}" must start with https:// (or http:// for a local simulator).`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new GtmhubClientOptionsError('GtmhubClient baseUrl must not carry a query, a fragment or credentials: use e.g. https://app.gtmhub.com/api.');
  }
  return `${url.origin}${url.pathname}`;
}
