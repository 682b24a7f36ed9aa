/**
 * Requests no listener handles — a button or form from an older version of kpibot, a typeahead,
 * shortcut or event kpibot never registered — are acknowledged at once by the global middleware
 * (src/slack/listeners/unmatched.ts), with the out-of-date sentence where the person can see it,
 * instead of waiting for Bolt's 3 s unhandled-request timeout and a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, socketModePayload } from '../../src/sandbox/slack/index.js';
import { ActionIds } from '../../src/slack/ids.js';
import { OUT_OF_DATE } from '../../src/slack/views/help.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startSocketModeHarness } from '../helpers/socket-mode-harness.js';

// The harness's driver gives up after Slack's 3 s (`timedOut`): each test asserts the ack came before.
const USER = 'U0SANDBOX';

describe('requests no listener handles, over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acks a click on a button of an older version and tells the person the message is out of date', async () => {
    const responseUrl = h.slack.newResponseUrl();
    const res = await h.driver.action(
      { user: USER, actions: [{ action_id: 'kpi_log_value_v0', value: '{"kpi":"old"}' }], channel: { id: 'C0GENERAL' }, responseUrl }
    );
    expect(res.timedOut).toBe(false);
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.url === responseUrl), 10_000);
    const reply = h.slack.responses.find((r) => r.url === responseUrl);
    expect(JSON.stringify(reply?.body)).toContain(OUT_OF_DATE.slice(0, 40));
    expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.logs.some((line) => line.includes('no listener handles this request') && line.includes('kpi_log_value_v0'))).toBe(true);
  });

  it('still lets a current button through to its listener (the log form opens)', async () => {
    const kpi = [...h.gtmhub.state.kpis.values()][0]!;
    const opened = h.slack.callsTo('views.open').length;
    const res = await h.driver.action(
      { user: USER, actions: [{ action_id: ActionIds.logValue, value: JSON.stringify({ kpiId: kpi.id }) }], channel: { id: 'C0GENERAL' } }
    );
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length > opened, 10_000);
    expect(h.slack.callsTo('views.open').length).toBe(opened + 1);
  });

  it('answers a form of an older version with the sentence in the modal', async () => {
    const res = await h.driver.submitView({ user: USER, view: { callback_id: 'kpi_log_modal_v0', state: { values: {} } } });
    expect(res.timedOut).toBe(false);
    expect(res.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(res.json)).toContain(OUT_OF_DATE.slice(0, 40));
  });

  it('acks a closed modal of any version with an empty 200', async () => {
    const res = await h.driver.closeView({ user: USER, view: { callback_id: 'kpi_log_modal_v0' } });
    expect(res.timedOut).toBe(false);
    expect(res.status).toBe(200);
  });

  it('answers a typeahead kpibot does not know with no options', async () => {
    const res = await h.driver.suggestion({ user: USER, actionId: 'old_picker', blockId: 'old_block', value: 'rev', view: { callback_id: 'old_modal_v0' } });
    expect(res.timedOut).toBe(false);
    expect(res.json).toEqual({ options: [] });
  });

  it('acks a shortcut kpibot does not have', async () => {
    const res = await h.driver.shortcut({ user: USER, callbackId: 'old_shortcut' });
    expect(res.timedOut).toBe(false);
    expect(res.status).toBe(200);
  });

  it('answers an event type kpibot does not subscribe to with a 200 and a warning', async () => {
    const res = await h.driver.event({ type: 'reaction_added', user: USER, reaction: 'tada' }, {});
    expect(res.timedOut).toBe(false);
    expect(res.status).toBe(200);
    expect(h.logs.some((line) => line.includes('no listener handles this request') && line.includes('reaction_added'))).toBe(true);
  });
});

describe('requests no listener handles, over Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSocketModeHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acks the envelope of an older button and tells the person the message is out of date', async () => {
    const responseUrl = h.slack.newResponseUrl();
    const payload = socketModePayload(blockActions({ actions: [{ action_id: 'kpi_old_button', value: 'x' }], channel: { id: 'C0GENERAL' }, responseUrl, triggerId: h.slack.issueTriggerId() }));
    const ack = await h.slack.socketSend('interactive', payload);
    expect(ack.timedOut).toBe(false);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.url === responseUrl), 10_000);
    expect(JSON.stringify(h.slack.responses.find((r) => r.url === responseUrl)?.body)).toContain(OUT_OF_DATE.slice(0, 40));
  });
});
