/**
 * Retry policies, named after what they do, and the one decision function the transport asks
 * after each failed attempt. Backoff is exponential with full jitter (a random wait between 0 and
 * the exponential bound), so that many clients failing together do not retry together.
 */
import {
  GtmhubNetworkError,
  GtmhubRateLimitedError,
  GtmhubServerError,
  type GtmhubError,
} from './errors.js';

export interface RetryPolicy {
  /** Shown in logs. */
  name: string;
  /** Total time for the call: every attempt and every wait between attempts. */
  deadlineMs: number;
  /** Retries after the first attempt (0 = one attempt only). */
  maxRetries: number;
  /** Bound of the first backoff; doubles with each retry. */
  baseDelayMs: number;
  /** Cap of the exponential bound. */
  maxDelayMs: number;
}

/**
 * For calls a Slack user is waiting on: everything within 2 s, so that the reply (or the error
 * message) still fits in Slack's 3 s acknowledgement window.
 */
export const interactiveWithinTwoSeconds: RetryPolicy = {
  name: 'interactiveWithinTwoSeconds',
  deadlineMs: 2_000,
  maxRetries: 2,
  baseDelayMs: 100,
  maxDelayMs: 500,
};

/** For the digest and other background work: up to 6 retries, backoff 0.5 s → 10 s, 60 s in all. */
export const patientForBackgroundWork: RetryPolicy = {
  name: 'patientForBackgroundWork',
  deadlineMs: 60_000,
  maxRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

/** One attempt, 10 s: for unit tests, where a retry would hide the behaviour under test. */
export const noRetries: RetryPolicy = {
  name: 'noRetries',
  deadlineMs: 10_000,
  maxRetries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
};

/** Methods whose repetition has the effect of one request (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE' || method === 'OPTIONS';
}

/**
 * Whether a failed attempt may be sent again. A 429 is a refusal before processing, so any method
 * may retry it. Everything else that is transient (502/503/504, resets, timeouts) only retries for
 * idempotent methods: a POST or PATCH that may have been processed is never sent twice, so a value
 * a user records is never written twice.
 */
export function isRetryable(error: GtmhubError, method: string): boolean {
  if (error instanceof GtmhubRateLimitedError) return true;
  if (!isIdempotent(method)) return false;
  if (error instanceof GtmhubServerError) return error.status === 502 || error.status === 503 || error.status === 504;
  // The call's own deadline (GtmhubDeadlineError) is final: there is no time left to retry in.
  return error instanceof GtmhubNetworkError && error.code === 'gtmhub_network_error';
}

/** The wait before retry number `retry` (0-based): full jitter over `base · 2^retry`, capped. */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * bound);
}

/**
 * `Retry-After` in milliseconds from `nowMs`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: 'not_retryable' | 'retries_exhausted' | 'deadline' };

/**
 * What to do after attempt `retriesDone + 1` failed with `error`, with `remainingMs` left of the
 * deadline. Never waits less than `Retry-After`; when the wait would pass the deadline, gives up at
 * once (the caller then throws `error` itself, e.g. the rate-limited error) instead of waiting.
 */
export function decideRetry(input: {
  policy: RetryPolicy;
  method: string;
  error: GtmhubError;
  retriesDone: number;
  remainingMs: number;
  random?: () => number;
}): RetryDecision {
  const { policy, method, error, retriesDone, remainingMs } = input;
  if (!isRetryable(error, method)) return { retry: false, reason: 'not_retryable' };
  if (retriesDone >= policy.maxRetries) return { retry: false, reason: 'retries_exhausted' };
  const backoff = backoffDelayMs(policy, retriesDone, input.random);
  const retryAfter = error instanceof GtmhubRateLimitedError || error instanceof GtmhubServerError ? error.retryAfterMs : undefined;
  const waitMs = Math.max(backoff, retryAfter ?? 0);
  // A retry that would start with less than MIN_ATTEMPT_MS left could only end in a deadline error.
  if (waitMs + MIN_ATTEMPT_MS > remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, waitMs };
}

/** The least time worth starting an attempt with: one loopback-to-cloud round trip. */
export const MIN_ATTEMPT_MS = 50;
