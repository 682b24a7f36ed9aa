/**
 * The Slack simulator's rate limits over real HTTP, as WebClient sees them: 429, `Retry-After` in
 * seconds and `{ ok: false, error: 'ratelimited' }` beyond a limit. The simulator's clock is moved
 * by hand, so no real timer decides whether a call is refused.
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_LIKE_LIMITS, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { clientFor, simulatorWithClient } from './helpers.js';

let sim: SlackSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function post(s: SlackSimulator, method: string, args: Record<string, unknown>) {
  const response = await request(`${s.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.botToken}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
  return { status: response.statusCode, retryAfter: response.headers['retry-after'], body: (await response.body.json()) as Record<string, unknown> };
}

describe('Slack simulator: rate limits', () => {
  it('limits nothing by default', async () => {
    const started = await simulatorWithClient();
    sim = started.sim;
    for (let i = 0; i < 5; i++) expect((await post(sim, 'chat.postMessage', { channel: 'C0KPIS', text: `${i}` })).status).toBe(200);
    expect(sim.messages('C0KPIS')).toHaveLength(5);
  });

  it('answers a second post to a channel within a second with 429, Retry-After and ratelimited, and posts nothing', async () => {
    const started = await simulatorWithClient({ limits: SLACK_LIKE_LIMITS });
    sim = started.sim;
    expect((await post(sim, 'chat.postMessage', { channel: 'C0KPIS', text: 'first' })).body.ok).toBe(true);
    started.clock.advance(400);
    // The channel's name and its id share one limit.
    const refused = await post(sim, 'chat.postMessage', { channel: '#kpis', text: 'second' });
    expect(refused).toEqual({ status: 429, retryAfter: '1', body: { ok: false, error: 'ratelimited' } });
    expect(sim.messages('C0KPIS').map((m) => m.text)).toEqual(['first']);
    expect(sim.callsTo('chat.postMessage').map((c) => [c.channelId, c.error])).toEqual([
      ['C0KPIS', undefined],
      ['C0KPIS', 'ratelimited'],
    ]);
    started.clock.advance(600);
    expect((await post(sim, 'chat.postMessage', { channel: 'C0KPIS', text: 'second' })).status).toBe(200);
    expect(sim.messages('C0KPIS').map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('refuses the 101st users.info within a minute (Tier 4) until the window has room', async () => {
    const started = await simulatorWithClient({ limits: { tiers: true } });
    sim = started.sim;
    for (let i = 0; i < 100; i++) expect((await post(sim, 'users.info', { user: 'U0SANDBOX' })).status).toBe(200);
    started.clock.advance(30_000);
    expect(await post(sim, 'users.info', { user: 'U0SANDBOX' })).toMatchObject({ status: 429, retryAfter: '30' });
    started.clock.advance(30_000);
    expect((await post(sim, 'users.info', { user: 'U0SANDBOX' })).status).toBe(200);
  });

  it('is what WebClient reports as rate limiting, with Slack’s Retry-After', async () => {
    const started = await simulatorWithClient({ limits: SLACK_LIKE_LIMITS });
    sim = started.sim;
    const client = clientFor(sim, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C0KPIS', text: 'a' });
    const error = (await client.chat.postMessage({ channel: 'C0KPIS', text: 'b' }).catch((e: unknown) => e)) as { code?: string; retryAfter?: number };
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
  });

  it('holds every answer back by the configured latency, 429s included', async () => {
    const delays: number[] = [];
    const started = await simulatorWithClient({ limits: { ...SLACK_LIKE_LIMITS, latencyMs: 300 }, delay: async (ms) => void delays.push(ms) });
    sim = started.sim;
    await post(sim, 'chat.postMessage', { channel: 'C0KPIS', text: 'a' });
    await post(sim, 'chat.postMessage', { channel: 'C0KPIS', text: 'b' });
    await post(sim, 'auth.test', {});
    expect(delays).toEqual([300, 300, 300]);
  });
});
