import { ErrorCode, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { clientFor, simulatorWithClient, slackError } from './helpers.js';

describe('Slack simulator: injected failures', () => {
  let sim: SlackSimulator;

  beforeEach(async () => {
    ({ sim } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers the next call to a method with the injected error, then recovers', async () => {
    const client = clientFor(sim);
    sim.failNext('chat.postMessage', { error: 'fatal_error' });

    expect((await slackError(client.chat.postMessage({ channel: 'C0KPIS', text: 'a' }))).code).toBe('fatal_error');
    await expect(client.chat.postMessage({ channel: 'C0KPIS', text: 'b' })).resolves.toMatchObject({ ok: true });
    expect(sim.messages('C0KPIS').map((m) => m.text)).toEqual(['b']);
  });

  it('fails as many calls as asked, and only calls to that method', async () => {
    const client = clientFor(sim);
    sim.failNext('views.publish', { error: 'internal_error' }, 2);
    await client.auth.test();
    const home = { type: 'home' as const, blocks: [] };
    await slackError(client.views.publish({ user_id: 'U0SANDBOX', view: home }));
    await slackError(client.views.publish({ user_id: 'U0SANDBOX', view: home }));
    await expect(client.views.publish({ user_id: 'U0SANDBOX', view: home })).resolves.toMatchObject({ ok: true });
  });

  it('answers HTTP 429 with Retry-After, which WebClient reports as rate limiting', async () => {
    const client = clientFor(sim, { rejectRateLimitedCalls: true });
    sim.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 });

    const error = (await client.chat.postMessage({ channel: 'C0KPIS', text: 'x' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(sim.callsTo('chat.postMessage')).toEqual([expect.objectContaining({ ok: false, error: 'ratelimited' })]);
  });

  it('lets a retrying WebClient succeed after the rate-limited attempt', async () => {
    // Retry-After 0 and no back-off keep the retry immediate; the behaviour under test is the retry itself.
    const client = clientFor(sim, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    sim.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 });

    await expect(client.chat.postMessage({ channel: 'C0KPIS', text: 'eventually' })).resolves.toMatchObject({ ok: true });
    expect(sim.callsTo('chat.postMessage').map((c) => c.ok)).toEqual([false, true]);
    expect(sim.messages('C0KPIS')).toHaveLength(1);
  });

  it('resolves waitFor once the app has made the awaited call', async () => {
    const client = clientFor(sim);
    const waiting = sim.waitFor(() => sim.callsTo('chat.postMessage').length > 0);
    void client.chat.postMessage({ channel: 'C0KPIS', text: 'hi' });
    await expect(waiting).resolves.toBeUndefined();
  });

  it('rejects waitFor with a coded error when the state never appears', async () => {
    await expect(sim.waitFor(() => false, 50)).rejects.toMatchObject({ code: 'simulator_wait_timeout' });
  });
});
