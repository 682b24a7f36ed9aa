import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClient, LogLevel } from '@slack/web-api';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

describe('Slack simulator: transport, authentication and recording', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers auth.test with the bot user, bot id and team', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, user_id: 'U0KPIBOT', bot_id: 'B0KPIBOT', team_id: 'T0SANDBOX' });
  });

  it('serves the API under a URL with a trailing slash, as slackApiUrl expects', () => {
    expect(sim.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('refuses a call without a token with not_authed', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: sim.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    expect((await slackError(anonymous.auth.test())).code).toBe('not_authed');
  });

  it('refuses a call with another token with invalid_auth', async () => {
    const stranger = new WebClient('xoxb-other', { slackApiUrl: sim.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    expect((await slackError(stranger.auth.test())).code).toBe('invalid_auth');
  });

  it('accepts the token as a form field, as older clients send it', async () => {
    const response = await request(`${sim.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${sim.botToken}`,
    });
    expect(await response.body.json()).toMatchObject({ ok: true, user_id: 'U0KPIBOT' });
  });

  it('accepts a JSON body with the token in the Authorization header', async () => {
    const response = await request(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${sim.botToken}` },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }] }),
    });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ ok: true, channel: 'C0GENERAL' });
    expect(sim.messages('C0GENERAL')[0]?.blocks).toHaveLength(1);
  });

  it('answers unknown_method for a method it does not know', async () => {
    expect((await slackError(client.apiCall('kpis.teleport'))).code).toBe('unknown_method');
  });

  it('records every call in order, with JSON fields decoded and without the token', async () => {
    await client.auth.test();
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'hi', blocks: [{ type: 'divider' }] });
    await slackError(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'lost' }));

    expect(sim.calls.map((c) => [c.method, c.ok, c.error])).toEqual([
      ['auth.test', true, undefined],
      ['chat.postMessage', true, undefined],
      ['chat.postMessage', false, 'channel_not_found'],
    ]);
    expect(sim.callsTo('chat.postMessage')[0]?.args.blocks).toEqual([{ type: 'divider' }]);
    expect(JSON.stringify(sim.calls)).not.toContain(sim.botToken);
  });
});
