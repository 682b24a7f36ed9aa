/**
 * The one transport method: send a request to Gtmhub with retries inside a deadline, map every
 * failure to a `GtmhubError`, and hand the JSON body to the caller's parser. Everything the client
 * facade does goes through `sendApiCall`.
 */
import { request, type Dispatcher } from 'undici';
import type { GtmhubLogger } from './logger.js';
import { errorMessageOf } from './assumptions.js';
import type { GtmhubClock } from './clock.js';
import {
  GtmhubAbortedError,
  GtmhubBadResponseError,
  GtmhubDeadlineError,
  GtmhubError,
  GtmhubNetworkError,
  errorForStatus,
} from './errors.js';
import { redactGtmhub, redactText } from './redact.js';
import { decideRetry, parseRetryAfterMs, type RetryPolicy } from './retry.js';
import { buildUrl, type QueryParams } from './url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the transport needs; the client builds it once and shares it between tokens. */
export interface TransportSettings {
  baseUrl: string;
  token: string;
  accountId: string;
  dispatcher: Dispatcher;
  logger: GtmhubLogger;
  defaultPolicy: RetryPolicy;
  /** Per-request bounds, passed to undici on every request (so they hold for injected dispatchers too). */
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Jitter source; tests may pin it. */
  random?: () => number;
  /** The deadline, the waits between attempts and `Retry-After` dates run on it. */
  clock: GtmhubClock;
}

export interface ApiCallOptions<T> {
  /** Query parameters; `undefined` values are left out. */
  query?: QueryParams;
  /** JSON request body. */
  body?: unknown;
  /** Retry policy of this call; defaults to the client's `retryPolicy`. */
  policy?: RetryPolicy;
  /** Cancels the call (a `GtmhubAbortedError`). */
  signal?: AbortSignal;
  /**
   * How to read a success body. `json` (default): it must be JSON. `optional`: JSON if it parses,
   * else `undefined`. `ignore`: discarded unread, `parse` gets `undefined` — for writes whose answer
   * we do not need, so that an odd body can never turn a stored value into a reported failure.
   */
  responseBody?: 'json' | 'optional' | 'ignore';
  /** Turns the JSON into the result; a throw becomes a `GtmhubBadResponseError` naming the endpoint. */
  parse: (json: unknown) => T;
}

/** Error bodies are quoted in errors and logs; a proxy's HTML page must not flood them. */
const MAX_QUOTED_BODY_CHARS = 300;

/** Marks an abort caused by the call's own deadline, as opposed to the caller's signal. */
class DeadlineReached {}

/** Sends one API call (with the policy's retries) and returns what `parse` makes of the answer. */
export async function sendApiCall<T>(
  settings: TransportSettings,
  method: HttpMethod,
  path: string,
  options: ApiCallOptions<T>,
): Promise<T> {
  const policy = options.policy ?? settings.defaultPolicy;
  const { clock } = settings;
  const startedAt = clock.now();
  const deadline = new AbortController();
  const cancelDeadline = clock.after(policy.deadlineMs, () => deadline.abort(new DeadlineReached()));
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const where = { method, path };
  try {
    for (let retriesDone = 0; ; retriesDone++) {
      try {
        return await sendOnce(settings, method, path, options, signal, policy, retriesDone + 1);
      } catch (error) {
        const failure = asGtmhubError(error, signal, where, policy);
        const remainingMs = policy.deadlineMs - (clock.now() - startedAt);
        const decision = decideRetry({
          policy,
          method,
          error: failure,
          retriesDone,
          remainingMs,
          ...(settings.random ? { random: settings.random } : {}),
        });
        if (!decision.retry) throw failure;
        settings.logger.debug('gtmhub retry', { ...where, waitMs: decision.waitMs, after: failure.code, policy: policy.name });
        await clock.sleep(decision.waitMs, signal);
      }
    }
  } catch (error) {
    // A wait between attempts that the deadline or the caller interrupted lands here.
    throw asGtmhubError(error, signal, where, policy);
  } finally {
    cancelDeadline();
  }
}

/** One attempt: request, read the body (always, or dump it), map the status. */
async function sendOnce<T>(
  settings: TransportSettings,
  method: HttpMethod,
  path: string,
  options: ApiCallOptions<T>,
  signal: AbortSignal,
  policy: RetryPolicy,
  attempt: number,
): Promise<T> {
  const url = buildUrl(settings.baseUrl, path, options.query);
  const headers: Record<string, string> = {
    authorization: `Bearer ${settings.token}`,
    'gtmhub-accountid': settings.accountId,
    accept: 'application/json',
  };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const started = performance.now();
  const log = (status: number | undefined, extra: Record<string, unknown> = {}): void =>
    settings.logger.debug('gtmhub call', {
      method,
      path,
      status,
      ms: Math.round(performance.now() - started),
      attempt,
      policy: policy.name,
      ...(redactGtmhub(
        { query: options.query, requestHeaders: headers, requestBody: options.body, ...extra },
        [settings.token],
      ) as Record<string, unknown>),
    });

  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method,
      headers,
      body: hasBody ? JSON.stringify(options.body) : null,
      dispatcher: settings.dispatcher,
      signal,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
  } catch (error) {
    log(undefined, { failure: errorCodeOf(error) ?? 'request_failed' });
    throw error;
  }

  const { statusCode, body } = response;
  try {
    if (statusCode >= 200 && statusCode < 300) {
      const mode = options.responseBody ?? 'json';
      if (mode === 'ignore') {
        await body.dump();
        log(statusCode);
        return parseAnswer(options, undefined, method, path);
      }
      const text = await body.text();
      log(statusCode);
      return parseAnswer(options, readJson(text, mode, method, path), method, path);
    }
    const text = await body.text();
    const quoted = redactText(text, [settings.token]).slice(0, MAX_QUOTED_BODY_CHARS);
    log(statusCode, { responseBody: quoted });
    const gtmhubMessage = errorMessageOf(text);
    throw errorForStatus({
      method,
      path,
      status: statusCode,
      gtmhubMessage: gtmhubMessage === undefined ? undefined : redactText(gtmhubMessage, [settings.token]).slice(0, MAX_QUOTED_BODY_CHARS),
      retryAfterMs: parseRetryAfterMs(response.headers['retry-after'], settings.clock.now()),
    });
  } finally {
    // Never leave a body unread: an unconsumed body pins its connection in the pool.
    if (!body.bodyUsed) await body.dump().catch(() => undefined);
  }
}

function readJson(text: string, mode: 'json' | 'optional', method: string, path: string): unknown {
  if (text.trim() === '') {
    if (mode === 'optional') return undefined;
    throw new GtmhubBadResponseError({ method, path, problem: 'an empty body where JSON was expected' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (mode === 'optional') return undefined;
    throw new GtmhubBadResponseError({ method, path, problem: 'a body that is not JSON', cause: error });
  }
}

function parseAnswer<T>(options: ApiCallOptions<T>, json: unknown, method: string, path: string): T {
  try {
    return options.parse(json);
  } catch (error) {
    if (error instanceof GtmhubError) throw error;
    const problem = error instanceof Error ? error.message : String(error);
    throw new GtmhubBadResponseError({ method, path, problem, cause: error });
  }
}

/** Any failure of an attempt (or of a wait) as the `GtmhubError` it stands for. */
function asGtmhubError(
  error: unknown,
  signal: AbortSignal,
  where: { method: string; path: string },
  policy: RetryPolicy,
): GtmhubError {
  if (error instanceof GtmhubError) return error;
  if (signal.aborted) {
    const processed = { ...where, cause: error, mayHaveBeenProcessed: true };
    return signal.reason instanceof DeadlineReached
      ? new GtmhubDeadlineError({ ...processed, deadlineMs: policy.deadlineMs })
      : new GtmhubAbortedError(processed);
  }
  return networkErrorOf(error, where);
}

/** Failures that happen before a request reaches Gtmhub: nothing can have been processed. */
const CONNECT_PHASE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const REASONS: Record<string, { reason: string; timeout: boolean }> = {
  ECONNREFUSED: { reason: 'connection refused', timeout: false },
  ENOTFOUND: { reason: 'host not found (DNS)', timeout: false },
  EAI_AGAIN: { reason: 'host lookup failed (DNS)', timeout: false },
  EHOSTUNREACH: { reason: 'host unreachable', timeout: false },
  ENETUNREACH: { reason: 'network unreachable', timeout: false },
  ECONNRESET: { reason: 'connection reset', timeout: false },
  EPIPE: { reason: 'connection reset', timeout: false },
  UND_ERR_SOCKET: { reason: 'connection closed by the server', timeout: false },
  UND_ERR_CONNECT_TIMEOUT: { reason: 'connect timed out', timeout: true },
  UND_ERR_HEADERS_TIMEOUT: { reason: 'no response headers in time', timeout: true },
  UND_ERR_BODY_TIMEOUT: { reason: 'response body stalled', timeout: true },
  ETIMEDOUT: { reason: 'connection timed out', timeout: true },
};

function networkErrorOf(error: unknown, where: { method: string; path: string }): GtmhubNetworkError {
  const code = errorCodeOf(error);
  const known = code === undefined ? undefined : REASONS[code];
  return new GtmhubNetworkError({
    ...where,
    cause: error,
    reason: known ? known.reason : `network error${code ? ` (${code})` : ''}`,
    timeout: known?.timeout ?? false,
    mayHaveBeenProcessed: code === undefined || !CONNECT_PHASE.has(code),
  });
}

/** The most specific error code undici or Node give: undici often wraps a socket error. */
function errorCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') {
      const inner = (current as { cause?: { code?: unknown } }).cause?.code;
      // `UND_ERR_SOCKET` wraps the socket's own error (ECONNRESET): prefer the inner code.
      return typeof inner === 'string' && /^E[A-Z]+$/.test(inner) ? inner : code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
