import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, slashCommand, socketModePayload } from '../../src/sandbox/slack/index.js';
import { ActionIds } from '../../src/slack/ids.js';
import type { Harness } from '../helpers/harness.js';
import { startSocketModeHarness } from '../helpers/socket-mode-harness.js';

describe('kpibot in Socket Mode (SLACK_APP_TOKEN set)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSocketModeHarness();
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
