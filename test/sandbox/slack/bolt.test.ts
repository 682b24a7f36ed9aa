import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSimulator, type SlackDriver, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { startBoltAgainst } from './helpers.js';

/**
 * The sandbox against the real Bolt app machinery: the driver's payloads must pass Bolt's signature
 * check and parse into the listener arguments Bolt documents, and the app's WebClient calls must
 * land in the simulator. Bolt checks timestamps against the real clock, so this suite uses it too.
 */
const SECRET = 'bolt-sandbox-secret';
const plain = (text: string) => ({ type: 'plain_text' as const, text });

describe('Slack sandbox with a real Bolt app', () => {
  let sim: SlackSimulator;
  let app: App;
  let driver: SlackDriver;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    ({ app, driver } = await startBoltAgainst(sim, SECRET, (bolt) => {
      bolt.command('/kpi', async ({ ack, command, client, respond }) => {
        await ack();
        await client.chat.postMessage({ channel: command.channel_id, text: `You asked for ${command.text}` });
        await respond({ response_type: 'ephemeral', text: 'Posted.' });
      });
      bolt.action('open_log', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: { type: 'modal', callback_id: 'log_value', title: plain('Log a value'), blocks: [] } });
      });
      bolt.view('log_value', async ({ ack, view }) => {
        const value = view.state.values.value_block?.value?.value;
        await ack({ response_action: 'errors', errors: { value_block: `Not a number: ${value}` } });
      });
      bolt.options('kpi_search', async ({ ack, payload }) => {
        await ack({ options: [{ text: plain(`Revenue (${payload.value})`), value: 'kpi-1' }] });
      });
      bolt.shortcut('log_kpi', async ({ ack, shortcut, client }) => {
        await ack();
        await client.views.open({ trigger_id: shortcut.trigger_id, view: { type: 'modal', callback_id: 'log_value', title: plain('From shortcut'), blocks: [] } });
      });
      bolt.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your KPIs' } }] } });
      });
    }));
  });

  afterAll(async () => {
    await app.stop();
    await sim.close();
  });

  it('runs a slash command whose reply reaches the simulator and whose response_url post is recorded', async () => {
    const response = await driver.command('revenue', { channelId: 'C0KPIS' });
    expect(response.status).toBe(200);

    await sim.waitFor(() => sim.messages('C0KPIS').length > 0 && sim.responses.length > 0);
    expect(sim.messages('C0KPIS').at(-1)?.text).toBe('You asked for revenue');
    expect(sim.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral', text: 'Posted.' });
  });

  it('is refused by Bolt when the timestamp is stale', async () => {
    expect((await driver.command('x', {}, { stale: true })).status).toBe(401);
  });

  it('is refused by Bolt when the signature is forged', async () => {
    expect((await driver.command('x', {}, { badSignature: true })).status).toBe(401);
  });

  it('answers url_verification with the challenge', async () => {
    const response = await driver.urlVerification('challenge-123');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: 'challenge-123' });
  });

  it('opens a modal from a button in a message with the trigger_id the driver supplied', async () => {
    const opened = sim.views.opened.length;
    const response = await driver.action({ actions: [{ action_id: 'open_log', value: 'kpi-1' }], message: { ts: '1767600000.000100', channel: 'C0KPIS' } });
    expect(response.status).toBe(200);
    await sim.waitFor(() => sim.views.opened.length > opened);
    expect(sim.views.opened.at(-1)?.title?.text).toBe('Log a value');
  });

  it('passes view state values to a view_submission listener', async () => {
    const response = await driver.submitView({
      view: { id: 'V0TEST', callback_id: 'log_value', state: { values: { value_block: { value: { type: 'plain_text_input', value: 'abc' } } } } },
    });
    expect(response.json).toEqual({ response_action: 'errors', errors: { value_block: 'Not a number: abc' } });
  });

  it('returns options for a block_suggestion', async () => {
    const response = await driver.suggestion({ actionId: 'kpi_search', blockId: 'kpi_block', value: 'rev', view: { callback_id: 'log_value' } });
    expect(response.json).toEqual({ options: [{ text: plain('Revenue (rev)'), value: 'kpi-1' }] });
  });

  it('opens a modal from a global shortcut', async () => {
    const opened = sim.views.opened.length;
    await driver.shortcut({ callbackId: 'log_kpi' });
    await sim.waitFor(() => sim.views.opened.length > opened);
    expect(sim.views.opened.at(-1)?.title?.text).toBe('From shortcut');
  });

  it('publishes the Home tab when app_home_opened arrives', async () => {
    const response = await driver.appHomeOpened({ user: 'U0OWNER' });
    expect(response.status).toBe(200);
    await sim.waitFor(() => sim.views.home('U0OWNER') !== undefined);
    expect(sim.views.home('U0OWNER')?.blocks).toHaveLength(1);
  });
});
