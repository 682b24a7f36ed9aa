import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { manualClock, simulatorWithClient, slackError } from './helpers.js';

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'log_value',
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: title } }],
  ...extra,
});

describe('Slack simulator: views', () => {
  let sim: SlackSimulator;
  let client: WebClient;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    ({ sim, client, clock } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('opens a modal with a fresh trigger_id and returns its id, hash and root_view_id', async () => {
    const result = await client.views.open({ trigger_id: sim.issueTriggerId(), view: modal('Log a value', { private_metadata: '{"kpi":"k1"}' }) });

    const view = result.view;
    expect(view?.id).toMatch(/^V/);
    expect(view?.hash).toMatch(/^\d+\.\w+$/);
    expect(view?.root_view_id).toBe(view?.id);
    expect(view).toMatchObject({ callback_id: 'log_value', private_metadata: '{"kpi":"k1"}', state: { values: {} } });
    expect(sim.views.opened.map((v) => v.id)).toEqual([view?.id]);
  });

  it('refuses a trigger_id older than the trigger TTL with expired_trigger_id', async () => {
    const trigger = sim.issueTriggerId();
    clock.advance(3001);
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal('Late') }))).code).toBe('expired_trigger_id');
  });

  it('accepts a trigger_id right at the end of its TTL', async () => {
    const trigger = sim.issueTriggerId();
    clock.advance(3000);
    await expect(client.views.open({ trigger_id: trigger, view: modal('Just in time') })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a trigger_id used once already with exchanged_trigger_id', async () => {
    const trigger = sim.issueTriggerId();
    await client.views.open({ trigger_id: trigger, view: modal('First') });
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal('Second') }))).code).toBe('exchanged_trigger_id');
  });

  it('refuses a trigger_id it never issued with invalid_trigger_id', async () => {
    expect((await slackError(client.views.open({ trigger_id: '123.456.abc', view: modal('Forged') }))).code).toBe('invalid_trigger_id');
  });

  it('refuses views.update with a stale hash with hash_conflict', async () => {
    const opened = await client.views.open({ trigger_id: sim.issueTriggerId(), view: modal('One') });
    const staleHash = opened.view?.hash as string;
    await client.views.update({ view_id: opened.view?.id as string, hash: staleHash, view: modal('Two') });

    const conflict = await slackError(client.views.update({ view_id: opened.view?.id as string, hash: staleHash, view: modal('Three') }));
    expect(conflict.code).toBe('hash_conflict');
    expect(sim.views.byId(opened.view?.id as string)?.title?.text).toBe('Two');
  });

  it('updates a view found by external_id and gives it a new hash', async () => {
    const opened = await client.views.open({ trigger_id: sim.issueTriggerId(), view: modal('Loading…', { external_id: 'search-1' }) });
    const updated = await client.views.update({ external_id: 'search-1', view: modal('Results', { external_id: 'search-1' }) });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(sim.views.opened[0]?.title?.text).toBe('Loading…');
  });

  it('answers not_found when views.update names no view', async () => {
    expect((await slackError(client.views.update({ view_id: 'V0NOPE', view: modal('x') }))).code).toBe('not_found');
  });

  it('pushes onto the modal whose interaction gave the trigger, up to three views deep', async () => {
    const root = (await client.views.open({ trigger_id: sim.issueTriggerId(), view: modal('Root') })).view;
    const second = (await client.views.push({ trigger_id: sim.issueTriggerId({ viewId: root?.id as string }), view: modal('Second') })).view;
    expect(second).toMatchObject({ root_view_id: root?.id, previous_view_id: root?.id });
    await client.views.push({ trigger_id: sim.issueTriggerId({ viewId: second?.id as string }), view: modal('Third') });

    const fourth = await slackError(client.views.push({ trigger_id: sim.issueTriggerId({ viewId: root?.id as string }), view: modal('Fourth') }));
    expect(fourth.code).toBe('push_limit_reached');
  });

  it('publishes a Home tab per user and keeps its id across publishes', async () => {
    const home = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your KPIs' } }] };
    const first = await client.views.publish({ user_id: 'U0SANDBOX', view: home });
    const second = await client.views.publish({ user_id: 'U0SANDBOX', view: home, hash: first.view?.hash });

    expect(second.view?.id).toBe(first.view?.id);
    expect(sim.views.home('U0SANDBOX')?.blocks).toEqual(home.blocks);
    expect(sim.views.home('U0ADMIN')).toBeUndefined();
  });

  it('refuses to publish a modal as a Home tab', async () => {
    expect((await slackError(client.views.publish({ user_id: 'U0SANDBOX', view: modal('Not home') }))).code).toBe('invalid_arguments');
  });
});
