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
