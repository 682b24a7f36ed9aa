import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * Whatever Gtmhub does — refuses the token, loses a KPI, fails, is slow or is gone — the user
 * gets one sentence that says what happened, and the app goes on serving.
 */
describe('when Gtmhub fails', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function reply(harness: Harness, text: string): Promise<string> {
    const before = harness.slack.responses.length;
    const res = await harness.driver.command(text);
    expect(res.status).toBe(200);
    await harness.slack.waitFor(() => harness.slack.responses.length > before, 15_000);
    const body = harness.slack.responses.at(-1)!.body as { text: string; blocks?: unknown[] };
    // One sentence, never a stack trace.
    expect(JSON.stringify(body)).not.toMatch(/\bat \S+ \(|Error:|undici|node:internal/);
    return body.text;
  }

  it('says the token was refused (401) and how to fix it', async () => {
    h = await startHarness();
    h.gtmhub.faults.set('*', { status: 401 });
    const text = await reply(h, 'revenue');
    expect(text).toContain('refused kpibot');
    expect(text).toContain('GTMHUB_TOKEN');
  });

  it('says a KPI no longer exists (404) when it was deleted after the list was loaded', async () => {
    h = await startHarness();
    await reply(h, 'churn'); // loads the catalogue
    const churn = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
    h.gtmhub.faults.set('GET /v1/kpis/:id', { status: 404 });
    const text = await reply(h, `show ${churn.id}`);
    expect(text).toContain('no longer has');
  });

  it('says Gtmhub had a server error (500) and to try again', async () => {
    h = await startHarness();
    h.gtmhub.faults.set('GET /v2/kpis', { status: 500 });
    const text = await reply(h, 'revenue');
    expect(text).toMatch(/server error|did not answer/);
    expect(text).toContain('try again');
  });

  it('still shows what it knows when the values are slow, saying they are unavailable', async () => {
    h = await startHarness();
    h.gtmhub.faults.set('GET /v1/kpi-snapshots', { latencyMs: 4_000 });
    const before = h.slack.responses.length;
    await h.driver.command('churn');
    await h.slack.waitFor(() => h!.slack.responses.length > before, 15_000);
    const body = JSON.stringify(h.slack.responses.at(-1)!.body);
    expect(body).toContain('Churn rate');
    expect(body).toContain('current value unavailable');
  });

  it('answers with one sentence when Gtmhub is down altogether, and keeps serving', async () => {
    h = await startHarness();
    await h.gtmhub.close();
    const text = await reply(h, 'revenue');
    // Which of the two sentences depends on timing: the first KPI-list load gives up on the refused
    // connections ("could not reach"), or the user's 8 s wait for it runs out first ("has not answered").
    expect(text).toMatch(/could not reach Gtmhub|has not answered/);
    const help = await reply(h, 'help');
    expect(help).toContain('kpibot');
  });
});
