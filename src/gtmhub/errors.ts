/**
 * One error class per kind of Gtmhub failure, all `GtmhubError` with a `code`, the `method` and
 * `path` of the call (never the query string, never the token), the HTTP `status` when there was
 * one, and the underlying `cause`. Messages read `Gtmhub GET /v1/kpis/abc: not found (404)`.
 *
 * `mayHaveBeenProcessed` answers the question a caller of a write must answer before telling a
 * user anything: could Gtmhub have stored it? A POST that timed out or got a 503 may or may not
 * have recorded the value, and is never sent twice.
 */

export type GtmhubErrorCode =
  | 'gtmhub_unauthorized'
  | 'gtmhub_payment_required'
  | 'gtmhub_forbidden'
  | 'gtmhub_not_found'
  | 'gtmhub_invalid_request'
  | 'gtmhub_rate_limited'
  | 'gtmhub_server_error'
  | 'gtmhub_http_error'
  | 'gtmhub_network_error'
  | 'gtmhub_deadline_exceeded'
  | 'gtmhub_aborted'
  | 'gtmhub_bad_response'
  | 'gtmhub_invalid_argument';

export interface GtmhubErrorInit {
  method: string;
  /** The path without the query string, e.g. `/v1/kpis/abc`. */
  path: string;
  status?: number;
  cause?: unknown;
  mayHaveBeenProcessed?: boolean;
}

/** Writes are never repeated, so a caller must be able to tell the user what may have happened. */
function unsureSuffix(code: GtmhubErrorCode, init: GtmhubErrorInit): string {
  const isWrite = init.method === 'POST' || init.method === 'PATCH';
  return isWrite && init.mayHaveBeenProcessed && code !== 'gtmhub_bad_response'
    ? '; the request may or may not have been processed'
    : '';
}

export abstract class GtmhubError extends Error {
  readonly code: GtmhubErrorCode;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  /** Whether Gtmhub may have acted on the request (stored a value) despite the failure. */
  readonly mayHaveBeenProcessed: boolean;

  protected constructor(code: GtmhubErrorCode, detail: string, init: GtmhubErrorInit) {
    super(`Gtmhub ${init.method} ${init.path}: ${detail}${unsureSuffix(code, init)}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = code;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.mayHaveBeenProcessed = init.mayHaveBeenProcessed ?? false;
  }

  /** What `JSON.stringify` and log lines see: no cause (it may be a foreign object), no headers. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      method: this.method,
      path: this.path,
      status: this.status,
      mayHaveBeenProcessed: this.mayHaveBeenProcessed,
    };
  }
}

/** An HTTP answer that says no. `gtmhubMessage` is what Gtmhub's body said, when it said anything. */
export interface GtmhubStatusErrorInit extends GtmhubErrorInit {
  status: number;
  gtmhubMessage?: string | undefined;
}

function withMessage(summary: string, init: GtmhubStatusErrorInit): string {
  return init.gtmhubMessage ? `${summary} (${init.status}): ${init.gtmhubMessage}` : `${summary} (${init.status})`;
}

abstract class GtmhubStatusError extends GtmhubError {
  readonly gtmhubMessage: string | undefined;
  declare readonly status: number;
  protected constructor(code: GtmhubErrorCode, summary: string, init: GtmhubStatusErrorInit) {
    super(code, withMessage(summary, init), init);
    this.gtmhubMessage = init.gtmhubMessage;
  }
}

/** 401: the token is wrong, expired or revoked. */
export class GtmhubUnauthorizedError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_unauthorized', 'the token was refused', init);
  }
}

/**
 * 402: payment required or the account is suspended. The reference lists 402 as "payment required"
 * (developer.gtmhub.com/api-reference/kpis.html, users.html); the issue that reported the reference
 * also reads it as "account suspended" (that wording is not on the pages we could read), so the
 * message says both.
 */
export class GtmhubPaymentRequiredError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_payment_required', 'payment required or the account is suspended', init);
  }
}

/** 403: the token's user may not do this. */
export class GtmhubForbiddenError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_forbidden', 'forbidden', init);
  }
}

/** 404: no such KPI, insight or group (or not visible to the token's user). */
export class GtmhubNotFoundError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_not_found', 'not found', init);
  }
}

/** 400 or 422: Gtmhub refused the request's content; `gtmhubMessage` says why. */
export class GtmhubInvalidRequestError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_invalid_request', 'invalid request', init);
  }
}

/** 429: Gtmhub refused before processing; `retryAfterMs` is its `Retry-After`, when it sent one. */
export class GtmhubRateLimitedError extends GtmhubStatusError {
  readonly retryAfterMs: number | undefined;
  constructor(init: GtmhubStatusErrorInit & { retryAfterMs?: number | undefined }) {
    const wait = init.retryAfterMs === undefined ? '' : `, retry after ${Math.ceil(init.retryAfterMs / 1000)} s`;
    super('gtmhub_rate_limited', `rate limited${wait}`, init);
    this.retryAfterMs = init.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx: Gtmhub (or a proxy in front of it) failed; a write may or may not have been processed. */
export class GtmhubServerError extends GtmhubStatusError {
  /** A 503 may carry `Retry-After` too. */
  readonly retryAfterMs: number | undefined;
  constructor(init: GtmhubStatusErrorInit & { retryAfterMs?: number | undefined }) {
    super('gtmhub_server_error', 'server error', init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Any other status this module has no meaning for (405, 409, 3xx, …). */
export class GtmhubHttpError extends GtmhubStatusError {
  constructor(init: GtmhubStatusErrorInit) {
    super('gtmhub_http_error', 'unexpected HTTP status', init);
  }
}

/** The connection failed: refused, reset, DNS, or one of the transport's timeouts. */
export class GtmhubNetworkError extends GtmhubError {
  /** Whether a timeout (connect, headers, body or the call's deadline) ended the attempt. */
  readonly timeout: boolean;
  constructor(init: GtmhubErrorInit & { timeout: boolean; reason: string }, code: GtmhubErrorCode = 'gtmhub_network_error') {
    super(code, init.reason, init);
    this.timeout = init.timeout;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeout: this.timeout };
  }
}

/** The call's deadline (its retry policy's `deadlineMs`) ran out, attempts and waits included. */
export class GtmhubDeadlineError extends GtmhubNetworkError {
  readonly deadlineMs: number;
  constructor(init: GtmhubErrorInit & { deadlineMs: number }) {
    super({ ...init, timeout: true, reason: `no answer within the ${init.deadlineMs} ms deadline` }, 'gtmhub_deadline_exceeded');
    this.deadlineMs = init.deadlineMs;
  }
}

/** The caller's `AbortSignal` cancelled the call. */
export class GtmhubAbortedError extends GtmhubError {
  constructor(init: GtmhubErrorInit) {
    super('gtmhub_aborted', 'cancelled by the caller', init);
  }
}

/**
 * Gtmhub answered success with a body we cannot use: not JSON, or not the expected shape. The
 * message names what was wrong: `GET /v2/kpis answered items[3].name that is not a string`.
 */
export class GtmhubBadResponseError extends GtmhubError {
  readonly problem: string;
  constructor(init: GtmhubErrorInit & { problem: string }) {
    super('gtmhub_bad_response', `answered ${init.problem}`, { mayHaveBeenProcessed: true, ...init });
    this.problem = init.problem;
  }
}

/** Refused before sending: an argument Gtmhub would reject (or that would break the URL). */
export class GtmhubInvalidArgumentError extends GtmhubError {
  readonly problem: string;
  constructor(init: GtmhubErrorInit & { problem: string }) {
    super('gtmhub_invalid_argument', init.problem, { ...init, mayHaveBeenProcessed: false });
    this.problem = init.problem;
  }
}

/** The error class for an HTTP status that is not a success. */
export function errorForStatus(init: GtmhubStatusErrorInit & { retryAfterMs?: number | undefined }): GtmhubError {
  const { status } = init;
  if (status === 401) return new GtmhubUnauthorizedError(init);
  if (status === 402) return new GtmhubPaymentRequiredError(init);
  if (status === 403) return new GtmhubForbiddenError(init);
  if (status === 404) return new GtmhubNotFoundError(init);
  if (status === 400 || status === 422) return new GtmhubInvalidRequestError(init);
  if (status === 429) return new GtmhubRateLimitedError(init);
  // A 5xx may come after Gtmhub stored the value and failed answering: a write may have happened.
  if (status >= 500) return new GtmhubServerError({ mayHaveBeenProcessed: true, ...init });
  return new GtmhubHttpError(init);
}

/** The client was constructed with options it cannot work with; the message says which and how to fix it. */
export class GtmhubClientOptionsError extends Error {
  readonly code = 'gtmhub_client_options' as const;
  constructor(message: string) {
    super(message);
    this.name = 'GtmhubClientOptionsError';
  }
}
