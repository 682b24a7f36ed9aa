/** Retry decisions as pure functions: which failures retry, how long to wait, when to give up. */
import { describe, expect, it } from 'vitest';
import {
  GtmhubDeadlineError,
  GtmhubNetworkError,
  GtmhubNotFoundError,
  GtmhubRateLimitedError,
  GtmhubServerError,
  interactiveWithinTwoSeconds,
  patientForBackgroundWork,
} from '../../src/gtmhub/index.js';
import { backoffDelayMs, decideRetry, isRetryable, parseRetryAfterMs } from '../../src/gtmhub/retry.js';

const where = { method: 'GET', path: '/v1/kpis/a' };
const server = (status: number, retryAfterMs?: number) => new GtmhubServerError({ ...where, status, retryAfterMs });
const rateLimited = (retryAfterMs?: number) => new GtmhubRateLimitedError({ ...where, status: 429, retryAfterMs });
const reset = new GtmhubNetworkError({ ...where, timeout: false, reason: 'connection reset' });

describe('isRetryable', () => {
  it.each(['GET', 'PUT', 'DELETE'])('retries %s on 429, 502, 503, 504 and network failures', (method) => {
    for (const error of [rateLimited(), server(502), server(503), server(504), reset]) {
      expect(isRetryable(error, method)).toBe(true);
    }
  });

  it.each(['POST', 'PATCH'])('retries %s on 429 only', (method) => {
    expect(isRetryable(rateLimited(), method)).toBe(true);
    for (const error of [server(502), server(503), server(504), server(500), reset]) {
      expect(isRetryable(error, method)).toBe(false);
    }
  });

  it('never retries a 500, a 404 or a spent deadline', () => {
    expect(isRetryable(server(500), 'GET')).toBe(false);
    expect(isRetryable(new GtmhubNotFoundError({ ...where, status: 404 }), 'GET')).toBe(false);
    expect(isRetryable(new GtmhubDeadlineError({ ...where, deadlineMs: 2_000 }), 'GET')).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('draws from 0 up to base · 2^retry (full jitter)', () => {
    expect(backoffDelayMs(patientForBackgroundWork, 0, () => 0)).toBe(0);
    expect(backoffDelayMs(patientForBackgroundWork, 0, () => 0.999)).toBe(499);
    expect(backoffDelayMs(patientForBackgroundWork, 3, () => 0.5)).toBe(2_000);
  });

  it('caps the bound at maxDelayMs', () => {
    expect(backoffDelayMs(patientForBackgroundWork, 10, () => 0.999)).toBe(9_990);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7_000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfterMs('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('reads a date in the past as no wait', () => {
    expect(parseRetryAfterMs('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const base = { policy: patientForBackgroundWork, method: 'POST', retriesDone: 0, remainingMs: 60_000, random: () => 0 };

  it('never waits less than Retry-After', () => {
    expect(decideRetry({ ...base, error: rateLimited(3_000) })).toEqual({ retry: true, waitMs: 3_000 });
  });

  it('waits the backoff when it is longer than Retry-After', () => {
    const decision = decideRetry({ ...base, method: 'GET', error: server(503, 10), retriesDone: 4, random: () => 0.5 });
    expect(decision).toEqual({ retry: true, waitMs: 4_000 });
  });

  it('gives up at once when the wait would pass the deadline', () => {
    expect(decideRetry({ ...base, error: rateLimited(30_000), remainingMs: 1_900 })).toEqual({ retry: false, reason: 'deadline' });
  });

  it('gives up after the last retry of the policy', () => {
    const decision = decideRetry({ ...base, policy: interactiveWithinTwoSeconds, error: rateLimited(), retriesDone: 2 });
    expect(decision).toEqual({ retry: false, reason: 'retries_exhausted' });
  });

  it('does not repeat a POST that may have been processed', () => {
    expect(decideRetry({ ...base, error: server(503) })).toEqual({ retry: false, reason: 'not_retryable' });
  });
});
