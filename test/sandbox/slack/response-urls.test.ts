import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { manualClock, simulatorWithClient } from './helpers.js';

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, body: await response.body.json() };
}

describe('Slack simulator: response_url', () => {
  let sim: SlackSimulator;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    ({ sim, clock } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('records what is posted to a response_url it issued', async () => {
    const url = sim.newResponseUrl();
    const body = { response_type: 'ephemeral', replace_original: false, text: 'Found 3 KPIs', blocks: [{ type: 'divider' }] };

    expect((await postJson(url, body)).status).toBe(200);
    expect(sim.responses).toEqual([{ url, body, time: clock.now() }]);
  });

  it('issues URLs on its own server, shaped like Slack command response URLs', () => {
    expect(sim.newResponseUrl()).toMatch(new RegExp(`^${sim.baseUrl}/commands/T0SANDBOX/\\d+/[\\w-]+$`));
  });

  it('refuses a sixth post to the same response_url, as Slack allows five', async () => {
    const url = sim.newResponseUrl();
    for (let i = 0; i < 5; i += 1) expect((await postJson(url, { text: `${i}` })).status).toBe(200);
    expect(await postJson(url, { text: 'sixth' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });
    expect(sim.responses).toHaveLength(5);
  });

  it('refuses a post after thirty minutes', async () => {
    const url = sim.newResponseUrl();
    clock.advance(30 * 60 * 1000 + 1);
    expect(await postJson(url, { text: 'late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
  });

  it('refuses blocks Slack would refuse', async () => {
    const url = sim.newResponseUrl();
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect((await postJson(url, { blocks: tooMany })).status).toBe(400);
    expect(sim.responses).toEqual([]);
  });

  it('answers 404 for a URL it never issued', async () => {
    expect((await postJson(`${sim.baseUrl}/commands/T0SANDBOX/1/nope`, { text: 'x' })).status).toBe(404);
  });
});
