import { afterEach, describe, expect, it } from 'vitest';
import { interactiveWithinTwoSeconds } from '../../src/gtmhub/retry.js';
import { FIRST_LOAD_WAIT_MS } from '../../src/kpis/catalogue.js';
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

  /** The reply to `/kpi <text>`; `meanwhile` runs once the command is acknowledged (e.g. moves the clock). */
  async function reply(harness: Harness, text: string, meanwhile?: () => Promise<void>): Promise<string> {
    const before = harness.slack.responses.length;
    const res = await harness.driver.command(text);
    expect(res.status).toBe(200);
    await meanwhile?.();
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

  it('still shows what it knows when the values do not come within the deadline, saying they are unavailable', async () => {
    h = await startHarness();
    await h.kpibot.deps.catalogue.get();
    h.gtmhub.faults.set('GET /v1/kpi-snapshots', { hang: true });
    const before = h.slack.responses.length;
    await h.driver.command('churn');
    // The snapshot read hangs; its 2 s deadline passes on kpibot's clock, not in a race.
    await h.clock.runOut(interactiveWithinTwoSeconds.deadlineMs);
    await h.slack.waitFor(() => h!.slack.responses.length > before, 15_000);
    const body = JSON.stringify(h.slack.responses.at(-1)!.body);
    expect(body).toContain('Churn rate');
    expect(body).toContain('current value unavailable');
  });

  it('says it could not reach Gtmhub when Gtmhub is down altogether, and keeps serving', async () => {
    // Down from the start: the first KPI-list load meets refused connections, retries (the waits
    // between attempts pass at once on the harness's clock) and gives up, while the user's 8 s wait
    // for it does not run out, since the clock stands still.
    h = await startHarness({ gtmhubDown: true });
    const text = await reply(h, 'revenue');
    expect(text).toContain('could not reach Gtmhub');
    expect(h.clock.slept.length).toBeGreaterThan(0); // it did retry before giving up
    const help = await reply(h, 'help');
    expect(help).toContain('kpibot');
  });

  it('says Gtmhub has not answered when the first KPI-list load outlasts the user’s wait', async () => {
    h = await startHarness({ gtmhubFaults: { 'GET /v2/kpis': { hang: true } } });
    const text = await reply(h, 'revenue', () => h!.clock.runOut(FIRST_LOAD_WAIT_MS));
    expect(text).toContain('has not answered');
    // Gtmhub first: its hung requests end, so kpibot's in-flight work ends and stop() need not wait.
    await h.gtmhub.close();
  });
});
