import { ErrorCode } from '@slack/web-api';
import { isRecord } from '../../parsing/parsed.js';

/**
 * Slack's `error` of a failed Web API call (`channel_not_found`, `not_in_channel`, `invalid_auth`),
 * from the error @slack/web-api throws (its `data` is the response body); undefined for any other
 * failure (HTTP, network, a bug). The one place that knows where the code sits.
 */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = error.data;
  return isRecord(data) && typeof data.error === 'string' && data.error !== '' ? data.error : undefined;
}

/**
 * How long Slack asked to wait, in seconds, when it rate limited a Web API call (HTTP 429 with
 * Retry-After; @slack/web-api throws it as `slack_webapi_rate_limited_error` with `retryAfter`
 * when the client rejects rate-limited calls); undefined for any other failure.
 */
export function slackRetryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.RateLimitedError) return undefined;
  const seconds = 'retryAfter' in error ? error.retryAfter : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
