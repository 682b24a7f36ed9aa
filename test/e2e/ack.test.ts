/**
 * Slack gives an app 3 s to answer a command, an interaction or an options request, then shows the
 * user an error (`operation_timeout`). The harness's driver gives up after those 3 s of real time
 * as Slack does, timing the acknowledgement alone, so each test here makes hang exactly what a
 * listener that acked *after* its work would wait on (the first KPI list load, users.info, the
 * recording), and asserts the answer still came in time. Where kpibot itself waits a bounded time
 * before answering, that wait runs out on the harness's clock (and must be shorter than Slack's
 * 3 s), so the outcome never depends on which real timer fires first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_ACK_TIMEOUT_MS, type DriverResponse } from '../../src/sandbox/slack/index.js';
import { ActionIds, BlockIds, CallbackIds } from '../../src/slack/ids.js';
import { isoWeekOf } from '../../src/time/periods.js';
import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { kpiNamed, logFormState } from './log-modal-helpers.js';

/** Far beyond Slack's 3 s, and beyond every wait kpibot bounds itself to (8 s for the first load). */
const SLOW_MS = 20_000;

/** The first catalogue load never finishes: every lookup waits for it until it gives up. */
const CATALOGUE_HANGS: HarnessOptions = { gtmhubFaults: { 'GET /v2/kpis': { hang: true } } };

/** kpibot's own bounded waits before answering (if one changes, `clock.runOut` fails naming the waits it found). */
const TYPEAHEAD_FIRST_LOAD_WAIT_MS = 2_000; // src/slack/listeners/options/typeahead-catalogue.ts
const LOG_SUBMISSION_PROFILE_WAIT_MS = 1_500; // src/slack/listeners/views/log-value-submitted.ts

function expectAckedInTime(response: DriverResponse): void {
  expect(response.timedOut).toBe(false);
  expect(response.status).toBe(200);
}

/** Sends a request, lets kpibot's own `waitMs` wait run out on its clock, and returns the answer. */
async function answerAfterWait(harness: Harness, waitMs: number, send: () => Promise<DriverResponse>): Promise<DriverResponse> {
  expect(waitMs).toBeLessThan(SLACK_ACK_TIMEOUT_MS);
  const answer = send();
  await harness.clock.runOut(waitMs);
  return answer;
}

describe('acknowledging Slack within 3 s whatever Gtmhub and Slack do', () => {
  let h: Harness | undefined;
  async function harness(options: HarnessOptions): Promise<Harness> {
    h = await startHarness(options);
    // users.info answers late too: a listener that waited for the user's profile would be late.
    h.slack.failNext('users.info', { latencyMs: SLOW_MS });
    return h;
  }
  afterEach(async () => {
    // Gtmhub first: its hung requests end, so kpibot's in-flight work ends and stop() need not wait;
    // and kpibot's bounded waits run out (users.info still hangs), for the same reason.
    await h?.gtmhub.close();
    await h?.clock.advance(60_000);
    await h?.close();
    h = undefined;
  });

  it('acknowledges /kpi revenue while the first KPI list load hangs', async () => {
    const { driver } = await harness(CATALOGUE_HANGS);
    expectAckedInTime(await driver.command('revenue'));
  });

  it('acknowledges a Log value button while the first KPI list load hangs', async () => {
    const { driver } = await harness(CATALOGUE_HANGS);
    const response = await driver.action({ actions: [{ action_id: ActionIds.logValue, value: JSON.stringify({ kpiId: 'kpi-unknown-yet' }) }], channel: { id: 'C0GENERAL' } });
    expectAckedInTime(response);
  });

  it('answers the KPI typeahead while the first KPI list load hangs', async () => {
    const started = await harness(CATALOGUE_HANGS);
    const response = await answerAfterWait(started, TYPEAHEAD_FIRST_LOAD_WAIT_MS, () =>
      started.driver.suggestion({
        actionId: ActionIds.kpiPicker,
        blockId: BlockIds.kpiPicker,
        value: 'rev',
        view: { callback_id: CallbackIds.logValueModal },
      }),
    );
    expectAckedInTime(response);
    expect(response.json).toMatchObject({ options: expect.any(Array) });
  });

  it('answers a log modal submission while users.info and Gtmhub’s snapshots hang', async () => {
    const started = await harness({});
    await started.kpibot.deps.catalogue.get();
    started.gtmhub.faults.set('GET /v1/kpi-snapshots', { hang: true });
    started.gtmhub.faults.set('POST /v1/kpis/:id/snapshots', { hang: true });
    const state = logFormState(kpiNamed(started, 'Churn rate'), '2.5', isoWeekOf(started.clock.now(), 'Europe/Berlin'));

    const response = await answerAfterWait(started, LOG_SUBMISSION_PROFILE_WAIT_MS, () =>
      started.driver.submitView({ view: { callback_id: CallbackIds.logValueModal, state } }),
    );
    expectAckedInTime(response);
    expect(response.json).toMatchObject({ response_action: 'update' });
  });
});
