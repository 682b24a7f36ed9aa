import { createServer } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, SANDBOX_APP_TOKEN, slashCommand, socketModePayload } from '../../src/sandbox/slack/index.js';
import { ActionIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * Bolt's Socket Mode receiver serves /healthz on its own server and binds exactly the configured
 * port without telling which one PORT=0 picked, so the test picks a free port first.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('kpibot in Socket Mode (SLACK_APP_TOKEN set)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Socket Mode binds PORT itself (it cannot report a port 0 picked): a free port is found first,
    // and another process (a second test run) may take it in between, so a taken port is retried.
    for (let attempt = 1; ; attempt++) {
      try {
        h = await startHarness({ env: { SLACK_APP_TOKEN: SANDBOX_APP_TOKEN, PORT: String(await freePort()) } });
        break;
      } catch (error) {
        if (attempt >= 3 || !/EADDRINUSE/.test(String((error as { code?: unknown }).code ?? error))) throw error;
      }
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens its connection through SLACK_API_URL with the app-level token', () => {
    expect(h.slack.callsTo('apps.connections.open')).toEqual([expect.objectContaining({ ok: true })]);
    expect(h.slack.socketConnected()).toBe(true);
  });

  it('acks a /kpi help envelope and posts the help to the response_url Slack gave', async () => {
    const responseUrl = h.slack.newResponseUrl();
    const payload = socketModePayload(slashCommand({ text: 'help', responseUrl, triggerId: h.slack.issueTriggerId() }));

    const ack = await h.slack.socketSend('slash_commands', payload);

    expect(ack.timedOut).toBe(false);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.url === responseUrl), 10_000);
    const reply = JSON.stringify(h.slack.responses.find((r) => r.url === responseUrl)?.body);
    for (const sub of ['/kpi find', '/kpi show', '/kpi log']) expect(reply).toContain(sub);
  });

  it('acks a Details click and posts the KPI details to its response_url', async () => {
    const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
    const responseUrl = h.slack.newResponseUrl();
    const payload = socketModePayload(
      blockActions({ actions: [{ action_id: ActionIds.showDetails, value: kpi.id }], channel: { id: 'C0GENERAL' }, responseUrl, triggerId: h.slack.issueTriggerId() }),
    );

    const ack = await h.slack.socketSend('interactive', payload);

    expect(ack.timedOut).toBe(false);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.url === responseUrl), 10_000);
    const reply = JSON.stringify(h.slack.responses.find((r) => r.url === responseUrl)?.body);
    expect(reply).toContain('Churn rate');
    expect(reply).toContain('should decrease');
  });

  it('answers GET /healthz on PORT', async () => {
    const res = await request(`${h.appUrl}/healthz`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ ok: true });
  });
});
