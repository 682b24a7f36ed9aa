/**
 * The fuzz suite: signed requests built from kpibot's own buttons, forms, typeaheads, commands and
 * events, with their ids, values, metadata and state mutated (requests.ts), plus forged ones, sent
 * to the real app over HTTP against both simulators. Seeded, so a failure reproduces:
 * `FUZZ_SEED=<seed> npx vitest run test/fuzz`. `npm run fuzz -- --runs 10000` runs a long campaign.
 *
 * Asserted: no 5xx; every request answered within Slack's 3 s (the driver measures the ack alone);
 * kpibot healthy after; no unhandled listener error in the log; no successful write to Gtmhub.
 */
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds, CallbackIds, DigestIds, KpiAdminIds } from '../../src/slack/ids.js';
import { BOLT_COULD_NOT_PROCESS } from '../../src/slack/receiver-errors.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { aDigestSubscription } from '../helpers/digest-subscriptions.js';
import { clickRequest, commandRequest, eventRequest, shortcutRequest, submitRequest, suggestionRequest, type FuzzRequest } from './requests.js';
import { clicksIn, formOf, type ClickSeed, type FormSeed } from './seeds.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const FORGED = Number(process.env.FUZZ_FORGED ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Everything kpibot showed so far: the elements people can click and the forms they can submit. */
function collectSeeds(h: Harness): { clicks: ClickSeed[]; forms: FormSeed[] } {
  const clicks: ClickSeed[] = [];
  const forms: FormSeed[] = [];
  for (const call of h.slack.calls) {
    clicks.push(...clicksIn(call.args.blocks));
    const view = record(call.args.view);
    if (view) {
      const callbackId = typeof view.callback_id === 'string' ? view.callback_id : 'home';
      clicks.push(...clicksIn(view.blocks, callbackId));
      const form = formOf(view);
      if (form && form.inputs.length > 0) forms.push(form);
    }
  }
  for (const response of h.slack.responses) clicks.push(...clicksIn(record(response.body)?.blocks));
  return { clicks, forms };
}

interface Finding {
  kind: string;
  status: number;
  timedOut: boolean;
  body: string;
}

describe(`fuzzed and forged signed requests (seed ${SEED}, ${RUNS} fuzzed, ${FORGED} forged)`, () => {
  let h: Harness;
  let seeds: { clicks: ClickSeed[]; forms: FormSeed[] };
  const findings: Finding[] = [];
  let writesBefore = 0;

  beforeAll(async () => {
    h = await startHarness({ env: { KPIBOT_ADMINS: 'U0SANDBOX' }, gtmhub: { requestLogLimit: 1_000_000 } });
    const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
    await h.kpibot.deps.digests!.subscriptions.create(aDigestSubscription('C0GENERAL', [kpi.id]));
    // Show everything kpibot can show, so its real payloads become the seeds.
    for (const text of ['churn', 'show churn rate', 'help', 'digest', 'new', 'connect', 'fav', 'digest list']) await h.driver.command(text, { userId: 'U0SANDBOX' });
    await h.driver.appHomeOpened({ user: 'U0SANDBOX' });
    await h.driver.action({ user: 'U0SANDBOX', actions: [{ action_id: ActionIds.logValue, value: JSON.stringify({ kpiId: kpi.id }) }], channel: { id: 'C0GENERAL' } });
    await h.kpibot.deps.background.drain(10_000);
    seeds = collectSeeds(h);
    writesBefore = h.gtmhub.requests.filter((r) => WRITES.has(r.method) && r.status !== null && r.status < 300).length;
  });
  afterAll(async () => {
    await h?.close();
  });

  function arbitrary(): fc.Arbitrary<FuzzRequest> {
    const responseUrl = (): string => h.slack.newResponseUrl();
    const typeaheads = [ActionIds.kpiPicker, ...seeds.clicks.filter((c) => c.type.startsWith('external') || c.type.startsWith('multi_external')).map((c) => c.actionId)];
    return fc.oneof(
      { weight: 4, arbitrary: clickRequest(seeds.clicks, responseUrl) },
      { weight: 3, arbitrary: submitRequest(seeds.forms) },
      { weight: 1, arbitrary: suggestionRequest(typeaheads) },
      { weight: 1, arbitrary: commandRequest(responseUrl) },
      { weight: 1, arbitrary: eventRequest() },
      { weight: 1, arbitrary: shortcutRequest([CallbackIds.logValueShortcut]) },
    );
  }

  it('has kpibot’s own buttons, forms and typeaheads to start from', () => {
    const clicked = new Set(seeds.clicks.map((c) => c.actionId.replace(/:\d+$/, '')));
    const everyButton = [ActionIds.logValue, ActionIds.showDetails, ActionIds.toggleFavorite, KpiAdminIds.editButton, KpiAdminIds.deleteButton, ...Object.values(DigestIds).filter((id) => id.endsWith('_edit') || id.endsWith('_pause') || id.endsWith('_send_now') || id.endsWith('_remove'))];
    expect(everyButton.filter((id) => !clicked.has(id))).toEqual([]);
    expect(new Set(seeds.forms.map((f) => f.callbackId)).size).toBeGreaterThanOrEqual(3);
  });

  it('answers every fuzzed request within 3 s without a 5xx', async () => {
    const requests = fc.sample(arbitrary(), { numRuns: RUNS, seed: SEED });
    for (const r of requests) {
      const res = await h.driver.send(r.body, r.contentType);
      if (res.status >= 500 || res.timedOut) findings.push({ kind: r.kind, status: res.status, timedOut: res.timedOut, body: r.body.slice(0, 300) });
    }
    await h.kpibot.deps.background.drain(10_000);
    console.info(`fuzz: ${requests.length} fuzzed requests, ${findings.filter((f) => f.status >= 500).length} × 5xx, ${findings.filter((f) => f.timedOut).length} answered after 3 s (seed ${SEED})`);
    expect(findings).toEqual([]);
  });

  it('refuses every forged request with a 401', async () => {
    const requests = fc.sample(arbitrary(), { numRuns: FORGED, seed: SEED + 1 });
    const statuses = new Map<number, number>();
    for (const [i, r] of requests.entries()) {
      const res = await h.driver.send(r.body, r.contentType, i % 2 === 0 ? { badSignature: true } : { stale: true });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    console.info(`fuzz: ${requests.length} forged requests, answered ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()]).toEqual([401]);
  });

  it('stays healthy, logs no unhandled error, and wrote nothing to Gtmhub', async () => {
    const health = await request(`${h.appUrl}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const unhandled = h.logs.filter((line) => line.includes('unhandled error in a Slack listener') || line.includes('was not acknowledged within 3 seconds'));
    const writes = h.gtmhub.requests.filter((r) => WRITES.has(r.method) && r.status !== null && r.status < 300).length - writesBefore;
    const boltRefused = h.logs.filter((line) => line.includes(BOLT_COULD_NOT_PROCESS)).length;
    console.info(`fuzz: ${unhandled.length} unhandled errors in the log, ${writes} writes to Gtmhub, ${boltRefused} requests Bolt itself could not route (answered 200)`);
    expect(unhandled.slice(0, 3)).toEqual([]);
    expect(writes).toBe(0);
  });
});
