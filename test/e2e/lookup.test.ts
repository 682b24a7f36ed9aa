import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds } from '../../src/slack/ids.js';
import { VALUES_UNAVAILABLE } from '../../src/slack/views/kpi-card.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/** The text of the last reply posted to a response_url, blocks flattened. */
function lastReply(h: Harness): string {
  const last = h.slack.responses.at(-1);
  return last ? JSON.stringify(last.body) : '';
}

async function replyAfter(h: Harness, before: number): Promise<string> {
  await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
  return lastReply(h);
}

describe('looking up KPIs with /kpi', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers GET /healthz with a small JSON status', async () => {
    const res = await request(`${h.appUrl}/healthz`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ ok: true });
  });

  it('acknowledges /kpi help at once and replies with every subcommand', async () => {
    const before = h.slack.responses.length;
    const res = await h.driver.command('help');
    expect(res.status).toBe(200);
    const reply = await replyAfter(h, before);
    for (const sub of ['/kpi find', '/kpi show', '/kpi log', '/kpi history']) expect(reply).toContain(sub);
    expect(h.slack.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });
  });

  it('finds KPIs by a few letters, with the current value formatted and the trend', async () => {
    const before = h.slack.responses.length;
    await h.driver.command('recurring rev');
    const reply = await replyAfter(h, before);
    expect(reply).toContain('Monthly recurring revenue');
    expect(reply).toMatch(/\$\d{1,3}(,\d{3})+/); // prefix $ and thousands separators, fraction size 0
    expect(reply).toMatch(/large_green_circle|red_circle|white_circle/);
    expect(reply).toContain('Log value');
    expect(reply).toContain('Details');
  });

  it('is case- and accent-insensitive', async () => {
    const before = h.slack.responses.length;
    await h.driver.command('find NET PROMOTER');
    expect(await replyAfter(h, before)).toContain('Net Promoter Score');
  });

  it('offers the closest names when nothing matches', async () => {
    const before = h.slack.responses.length;
    await h.driver.command('find Net Promter Scor');
    const reply = await replyAfter(h, before);
    expect(reply).toContain('No KPI matches');
    expect(reply).toContain('Net Promoter Score');
  });

  it('shows details with the last 8 weeks and a sparkline', async () => {
    const before = h.slack.responses.length;
    await h.driver.command('show Net Promoter Score');
    const reply = await replyAfter(h, before);
    expect(reply).toContain('Last 8 weeks');
    expect(reply).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(reply).toContain('Aggregation');
    expect(reply).toContain('should increase');
  });

  it('shows details when the Details button is clicked', async () => {
    const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
    const before = h.slack.responses.length;
    const res = await h.driver.action({ actions: [{ action_id: ActionIds.showDetails, value: kpi.id }], channel: { id: 'C0GENERAL' } });
    expect(res.status).toBe(200);
    const reply = await replyAfter(h, before);
    expect(reply).toContain('Churn rate');
    expect(reply).toContain('should decrease');
  });

  it('refuses a request with a bad signature without running any handler', async () => {
    const before = h.slack.responses.length;
    const res = await h.driver.command('help', {}, { badSignature: true });
    expect(res.status).toBe(401);
    const stale = await h.driver.command('help', {}, { stale: true });
    expect(stale.status).toBe(401);
    // A request that was accepted afterwards proves the app is still serving; nothing arrived for the refused ones.
    await h.driver.command('help');
    await h.slack.waitFor(() => h.slack.responses.length === before + 1);
    expect(h.slack.responses.length).toBe(before + 1);
  });
});

describe('a burst of lookups while Gtmhub is slow', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ gtmhubFaults: { 'GET /v1/kpi-snapshots': { latencyMs: 300 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers every lookup with its values, read in fewer Gtmhub calls than lookups (they share the reads)', async () => {
    // Twelve different KPIs, none read before.
    const names = [...h.gtmhub.state.kpis.values()].map((k) => k.name).slice(0, 12);
    const readsBefore = h.gtmhub.requests.filter((r) => r.route === 'GET /v1/kpi-snapshots').length;
    const before = h.slack.responses.length;
    const acks = await Promise.all(names.map((name) => h.driver.command(name)));
    expect(acks.map((a) => a.status)).toEqual(names.map(() => 200));
    await h.slack.waitFor(() => h.slack.responses.length >= before + names.length, 10_000);
    const replies = h.slack.responses.slice(before).map((r) => JSON.stringify(r.body));
    for (const name of names) expect(replies.some((reply) => reply.includes(name))).toBe(true);
    expect(replies.filter((reply) => reply.includes(VALUES_UNAVAILABLE))).toEqual([]);
    const reads = h.gtmhub.requests.filter((r) => r.route === 'GET /v1/kpi-snapshots').length - readsBefore;
    expect(reads).toBeGreaterThan(0);
    // Each lookup reading on its own took 10 reads here (two lookups found only KPIs an earlier one
    // had asked for); sharing, 4 (the lookups whose turns were queued when a read was sent share it).
    expect(reads).toBeLessThanOrEqual(names.length / 2);
  });
});
