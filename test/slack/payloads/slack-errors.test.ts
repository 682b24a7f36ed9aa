import { ErrorCode, WebClient } from '@slack/web-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackErrorCode, slackRetryAfterSeconds } from '../../../src/slack/payloads/slack-errors.js';

describe('a Slack error code', () => {
  // A Web API server on loopback: chat.postMessage is rate limited (429, Retry-After: 7); every
  // other call is refused the way Slack refuses, HTTP 200 with ok: false.
  const server = createServer((req, res) => {
    if (req.url?.includes('chat.postMessage')) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'channel_not_found' }));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is read from the error @slack/web-api throws for a refused call', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 } });
    const error: unknown = await client.conversations.info({ channel: 'C1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.PlatformError });
    expect(slackErrorCode(error)).toBe('channel_not_found');
  });

  it('reads how long Slack asked to wait after a 429, and nothing for other failures', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const limited: unknown = await client.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e);
    expect(slackRetryAfterSeconds(limited)).toBe(7);
    const refused: unknown = await client.conversations.info({ channel: 'C1' }).catch((e: unknown) => e);
    expect(slackRetryAfterSeconds(refused)).toBeUndefined();
    expect(slackRetryAfterSeconds({ code: ErrorCode.RateLimitedError, retryAfter: 'soon' })).toBeUndefined();
  });

  it.each([undefined, null, 'channel_not_found', new Error('socket hang up'), { data: null }, { data: { error: 42 } }, { data: { error: '' } }])(
    'is undefined for anything else: %j',
    (error) => {
      expect(slackErrorCode(error)).toBeUndefined();
    },
  );
});
