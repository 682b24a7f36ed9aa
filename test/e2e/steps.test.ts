/**
 * kpibot's Workflow Builder steps end to end: Slack's function_executed events (signed, over HTTP)
 * reach the real app.function listeners, which read and write the Gtmhub simulator and end each step
 * with functions.completeSuccess or functions.completeError, recorded by the Slack simulator.
 * Each step completes with its outputs; bad input, an unknown KPI, a Gtmhub 500 and a Gtmhub
 * timeout fail it with one sentence; a redelivered event records once; org-level installs file what
 * they do under the workspace the event names, else under the organisation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interactiveWithinTwoSeconds } from '../../src/gtmhub/retry.js';
import type { ValueRecorded } from '../../src/kpis/value-recorded.js';
import type { RecordedFunctionCompletion } from '../../src/sandbox/slack/methods/functions-state.js';
import { defaultUsers, demoSlackMembers, type FunctionExecutedInput } from '../../src/sandbox/slack/index.js';
import { StepIds } from '../../src/slack/ids.js';
import { isoWeekOf, previousPeriod } from '../../src/time/periods.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { kpiNamed, snapshotPosts } from './log-modal-helpers.js';
import { gtmhubUserId, peopleLoaded, TEAM } from './people-helpers.js';

const LOG = StepIds.logKpiValue.callbackId;
const GET = StepIds.getKpiValue.callbackId;
const LIST = StepIds.listKpisNotUpdated.callbackId;
const POST_SNAPSHOT = 'POST /v1/kpis/:id/snapshots';
const GET_SNAPSHOTS = 'GET /v1/kpi-snapshots';

let executions = 0;

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`Workflow Builder steps ${target.name}`, () => {
    let h: Harness;
    let week: string;
    const recorded: ValueRecorded[] = [];

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, slack: { users: [...defaultUsers(), ...demoSlackMembers()] } });
      await h.kpibot.deps.catalogue.get();
      await peopleLoaded(h);
      h.kpibot.deps.valueRecorded.subscribe((event) => {
        recorded.push(event);
      });
      week = isoWeekOf(h.clock.now(), 'UTC');
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    function completionOf(id: string): RecordedFunctionCompletion | undefined {
      return h.slack.functionCompletions.find((c) => c.functionExecutionId === id);
    }

    /** Sends a function_executed event for a step; resolves with the step's completion once Slack has it. */
    async function runStep(callbackId: string, inputs: Record<string, unknown>, options: Partial<FunctionExecutedInput> = {}): Promise<RecordedFunctionCompletion> {
      const id = options.functionExecutionId ?? `Fx0STEP${target.dialect}${++executions}`;
      const response = await h.driver.functionExecuted({ callbackId, inputs, functionExecutionId: id, botAccessToken: h.slack.botToken, ...options });
      expect(response.status).toBe(200);
      await h.slack.waitFor(() => completionOf(id) !== undefined, 10_000);
      return completionOf(id)!;
    }

    async function outputsOf(callbackId: string, inputs: Record<string, unknown>, options: Partial<FunctionExecutedInput> = {}): Promise<Record<string, unknown>> {
      const completion = await runStep(callbackId, inputs, options);
      if (completion.outcome !== 'success') throw new Error(`the step failed: ${completion.error}`);
      return completion.outputs;
    }

    async function errorOf(callbackId: string, inputs: Record<string, unknown>): Promise<string> {
      const completion = await runStep(callbackId, inputs);
      if (completion.outcome !== 'error') throw new Error(`the step completed: ${JSON.stringify(completion.outputs)}`);
      return completion.error;
    }

    describe('Log a KPI value', () => {
      it('records the value with the human notation /kpi log takes and outputs the KPI, the week and the values before and after', async () => {
        const kpi = kpiNamed(h, 'Support backlog');
        const posts = snapshotPosts(h).length;
        const outputs = await outputsOf(LOG, { kpi: 'Support backlog', value: '1,234' });
        expect(outputs).toMatchObject({ kpi_id: kpi.id, kpi_name: 'Support backlog', period: week, value_after: 1234 });
        expect(snapshotPosts(h)).toHaveLength(posts + 1);
        expect(snapshotPosts(h).at(-1)?.body).toMatchObject({ value: 1234, group: week, timeZone: 'UTC+0' });
        await h.slack.waitFor(() => recorded.some((e) => e.kpiId === kpi.id && e.value === 1234), 10_000);
        expect(recorded.find((e) => e.kpiId === kpi.id && e.value === 1234)).toMatchObject({ teamId: TEAM, userId: 'workflow', period: week, zone: 'UTC' });
      });

      it('says the value it had before, and finds the KPI by its Gtmhub id', async () => {
        const kpi = kpiNamed(h, 'Open incidents');
        await outputsOf(LOG, { kpi: kpi.id, value: '7' });
        const outputs = await outputsOf(LOG, { kpi: kpi.id, value: '5' });
        expect(outputs).toMatchObject({ kpi_name: 'Open incidents', value_before: 7, value_after: 5 });
      });

      it('reads the week in the Slack time zone of the person given, else in the time_zone input', async () => {
        await outputsOf(LOG, { kpi: 'Open positions', value: '11', user: 'U0KOLKATA' });
        expect(snapshotPosts(h).at(-1)?.body).toMatchObject({ value: 11, timeZone: 'UTC+5:30' });
        await outputsOf(LOG, { kpi: 'Open positions', value: '12', time_zone: 'America/New_York' });
        expect(snapshotPosts(h).at(-1)?.body).toMatchObject({ value: 12, timeZone: 'UTC-5' });
        const history = await h.kpibot.deps.submissions.recentForUser(TEAM, 'U0KOLKATA');
        expect(history[0]).toMatchObject({ kpiName: 'Open positions', value: 11, source: 'workflow', status: 'recorded' });
      });

      it('records a duplicated function_executed once, and Slack keeps the first completion', async () => {
        const kpi = kpiNamed(h, 'Employee NPS');
        const snapshots = h.gtmhub.state.snapshotsOf(kpi.id).length;
        const first = await runStep(LOG, { kpi: 'Employee NPS', value: '33' }, { functionExecutionId: `Fx0TWICE${target.dialect}` });
        const logs = h.logs.length;
        await h.driver.functionExecuted({ callbackId: LOG, inputs: { kpi: 'Employee NPS', value: '33' }, functionExecutionId: `Fx0TWICE${target.dialect}`, botAccessToken: h.slack.botToken });
        await h.slack.waitFor(() => h.logs.slice(logs).some((line) => line.includes('Slack did not take the end of a workflow step')), 10_000);
        expect(h.gtmhub.state.snapshotsOf(kpi.id).length).toBe(snapshots + 1);
        expect(h.slack.functionCompletions.filter((c) => c.functionExecutionId === `Fx0TWICE${target.dialect}`)).toEqual([first]);
        expect(first).toMatchObject({ outcome: 'success', outputs: { kpi_name: 'Employee NPS', value_after: 33 } });
      });

      it('fails with one sentence on a value that is not a number, and sends nothing', async () => {
        const posts = snapshotPosts(h).length;
        expect(await errorOf(LOG, { kpi: 'Churn rate', value: 'lots' })).toBe('The value is not a number kpibot can record: “lots” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.');
        expect(snapshotPosts(h)).toHaveLength(posts);
      });

      it('fails with one sentence on a KPI nobody has, and on a name that is only a prefix', async () => {
        expect(await errorOf(LOG, { kpi: 'Coffee consumption', value: '3' })).toMatch(/^No KPI is called “Coffee consumption”: give the KPI's exact name or its Gtmhub id in the step's KPI input/);
        expect(await errorOf(LOG, { kpi: 'Churn', value: '3' })).toContain('“Churn” is not the exact name of a KPI: write it in full, “Churn rate”');
      });

      it('fails with one sentence when Gtmhub answers 500, saying to check before running it again, and posts once', async () => {
        h.gtmhub.faults.set(POST_SNAPSHOT, { status: 500 });
        const posts = snapshotPosts(h).length;
        const error = await errorOf(LOG, { kpi: 'Churn rate', value: '2.5%' });
        expect(error).toBe(`Gtmhub did not confirm 2.5% for “Churn rate” (${week}): it may or may not have been recorded, so check /kpi show Churn rate before trying again.`);
        expect(snapshotPosts(h)).toHaveLength(posts + 1);
      });

      it('fails with one sentence when Gtmhub does not answer in time', async () => {
        h.gtmhub.faults.set(POST_SNAPSHOT, { hang: true });
        const posts = snapshotPosts(h).length;
        const id = `Fx0HANG${target.dialect}`;
        await h.driver.functionExecuted({ callbackId: LOG, inputs: { kpi: 'Churn rate', value: '2.6%' }, functionExecutionId: id, botAccessToken: h.slack.botToken });
        await h.slack.waitFor(() => snapshotPosts(h).length > posts, 10_000);
        expect(completionOf(id)).toBeUndefined();
        await h.clock.runOut(interactiveWithinTwoSeconds.deadlineMs);
        await h.slack.waitFor(() => completionOf(id) !== undefined, 10_000);
        expect(completionOf(id)).toMatchObject({ outcome: 'error', error: expect.stringContaining('Gtmhub did not confirm 2.6% for “Churn rate”') });
        expect(snapshotPosts(h)).toHaveLength(posts + 1);
      });
    });

    describe('the step deadline', () => {
      it('fails a step still waiting for Gtmhub when its deadline passes, saying the value may or may not be recorded', async () => {
        // A deadline shorter than the Gtmhub client's own 2 s, so that the step's runs out first.
        const steps = h.kpibot.deps.steps!;
        steps.deadlineMs = 1_000;
        try {
          h.gtmhub.faults.set(POST_SNAPSHOT, { hang: true });
          const posts = snapshotPosts(h).length;
          const id = `Fx0LATE${target.dialect}`;
          await h.driver.functionExecuted({ callbackId: LOG, inputs: { kpi: 'Uptime', value: '99.9%' }, functionExecutionId: id, botAccessToken: h.slack.botToken });
          await h.slack.waitFor(() => snapshotPosts(h).length > posts, 10_000);
          await h.clock.advance(999);
          expect(completionOf(id)).toBeUndefined();
          await h.clock.advance(1);
          await h.slack.waitFor(() => completionOf(id) !== undefined, 10_000);
          expect(completionOf(id)).toEqual(expect.objectContaining({
            outcome: 'error',
            error: 'Recording did not finish within 1 second because Gtmhub was too slow: the value may or may not have been recorded, so check the KPI with /kpi show before running the step again.',
          }));
        } finally {
          steps.deadlineMs = undefined;
          // Let the Gtmhub client's own deadline end the hanging POST, so no timer is left for the next test.
          await h.clock.advance(interactiveWithinTwoSeconds.deadlineMs);
        }
      });
    });

    describe("Get a KPI's value", () => {
      it('outputs the value, with units, the change against the week before and the link', async () => {
        const kpi = kpiNamed(h, 'Monthly recurring revenue');
        await outputsOf(LOG, { kpi: kpi.name, value: '$120k', period: 'last week' });
        await outputsOf(LOG, { kpi: kpi.name, value: '135000' });
        const outputs = await outputsOf(GET, { kpi: kpi.name });
        expect(outputs).toEqual({
          value: 135000,
          formatted: '$135,000',
          period: week,
          change: 15000,
          change_text: `+$15,000 (+12.5%) vs ${previousPeriod(week)}`,
          link: `${h.gtmhub.url.replace(/\/api$/, '')}/#/kpis/${kpi.id}`,
        });
      });

      it('fails with one sentence on a week without a value', async () => {
        expect(await errorOf(GET, { kpi: 'Burn rate', period: '2020-W10' })).toBe('“Burn rate” has no value for 2020-W10 yet: log one first, or give the step an earlier period.');
      });

      it('fails with one sentence when Gtmhub answers 500', async () => {
        h.gtmhub.faults.set(GET_SNAPSHOTS, { status: 500 });
        expect(await errorOf(GET, { kpi: 'Burn rate' })).toBe('Gtmhub had a server error while reading the KPI’s value: please try again in a minute.');
      });

      it('fails with one sentence on a KPI nobody has', async () => {
        expect(await errorOf(GET, { kpi: 'Coffee consumption' })).toMatch(/^No KPI is called “Coffee consumption”/);
      });
    });

    describe('List KPIs not updated this period', () => {
      /** The KPIs whose Gtmhub snapshots have no value for this week, by the simulator's own state. */
      function notUpdated(kpis: Array<{ id: string; name: string }>): string[] {
        return kpis.filter((k) => !h.gtmhub.state.snapshotsOf(k.id).some((s) => s.group === week)).map((k) => k.name);
      }

      it('lists a group’s KPIs without a value this week as a message, and counts them; a value logged leaves the list', async () => {
        // Marketing: a group no other test of this suite logs a value to.
        const marketing = [...h.gtmhub.state.groups.values()].find((g) => g.name === 'Marketing')!;
        const inGroup = [...h.gtmhub.state.kpis.values()].filter((k) => k.groups.includes(marketing.id));
        const missing = notUpdated(inGroup);
        expect(missing.length).toBeGreaterThan(0);
        const first = await outputsOf(LIST, { group: 'Marketing' });
        expect(first.count).toBe(missing.length);
        expect(first.text).toBe([`${missing.length} of ${inGroup.length} KPIs in *Marketing* ${missing.length === 1 ? 'has' : 'have'} no value for ${week} yet:`, ...missing.map((name) => `• ${name}`)].join('\n'));

        const logged = inGroup.find((k) => k.name === missing[0])!;
        await outputsOf(LOG, { kpi: logged.id, value: '4' });
        const after = await outputsOf(LIST, { group: 'Marketing' });
        expect(after.count).toBe(missing.length - 1);
        expect(String(after.text).split('\n')).not.toContain(`• ${logged.name}`);
      });

      it('lists the KPIs a Slack user owns in Gtmhub (matched by email)', async () => {
        const jane = gtmhubUserId(h, 'jane.doe@example.com');
        const owned = [...h.gtmhub.state.kpis.values()].filter((k) => k.ownerIds.includes(jane));
        const outputs = await outputsOf(LIST, { owner: 'U0JANE' });
        expect(outputs.count).toBe(notUpdated(owned).length);
        expect(outputs.text).toContain('owned by <@U0JANE>');
      });

      it('fails with one sentence when neither or both of group and owner are given', async () => {
        const sentence = 'Say whose KPIs to list: fill in either the step’s KPI group input or its owner input, not both.';
        expect(await errorOf(LIST, {})).toBe(sentence);
        expect(await errorOf(LIST, { group: 'Support', owner: 'U0JANE' })).toBe(sentence);
      });
    });

    it('fails a step kpibot no longer offers at once, so its workflow does not wait', async () => {
      const completion = await runStep('a_step_of_old', { kpi: 'Churn rate' });
      expect(completion).toMatchObject({ outcome: 'error', error: 'kpibot no longer offers this workflow step: open the workflow in Workflow Builder and replace the step with one of kpibot’s current steps.' });
    });

    describe('org-level installs (Enterprise Grid)', () => {
      it('files a step whose event names the workspace under that workspace', async () => {
        await outputsOf(LOG, { kpi: 'Win rate', value: '25%', user: 'U0KOLKATA' }, { enterpriseId: 'E0ORG' });
        const history = await h.kpibot.deps.submissions.recentForUser(TEAM, 'U0KOLKATA');
        expect(history[0]).toMatchObject({ kpiName: 'Win rate', value: 25, teamId: TEAM });
      });

      it('files a step whose event names no workspace under the organisation, and still reads the people directory for it', async () => {
        const outputs = await outputsOf(LOG, { kpi: 'Cash runway', value: '17.5', user: 'U0KOLKATA' }, { enterpriseId: 'E0ORG', withoutTeam: true });
        expect(outputs).toMatchObject({ kpi_name: 'Cash runway', value_after: 17.5 });
        const history = await h.kpibot.deps.submissions.recentForUser('E0ORG', 'U0KOLKATA');
        expect(history[0]).toMatchObject({ kpiName: 'Cash runway', value: 17.5, teamId: 'E0ORG', source: 'workflow' });
        expect((await h.kpibot.deps.submissions.recentForUser(TEAM, 'U0KOLKATA')).some((s) => s.kpiName === 'Cash runway')).toBe(false);
        await h.slack.waitFor(() => recorded.some((e) => e.teamId === 'E0ORG'), 10_000);

        const listed = await outputsOf(LIST, { owner: 'U0JANE' }, { enterpriseId: 'E0ORG', withoutTeam: true });
        expect(listed.text).toContain('owned by <@U0JANE>');
      });
    });
  });
}
