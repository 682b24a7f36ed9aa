import { createHmac } from 'node:crypto';

/**
 * Signs a request body the way Slack does, so the app's receiver can verify it:
 * `v0=` + hex HMAC-SHA256, keyed by the signing secret, of `v0:<timestamp>:<raw body>`.
 * The timestamp is in seconds; the body must be the exact bytes that are sent.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}
