import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interactiveWithinTwoSeconds } from '../../src/gtmhub/retry.js';
import { ActionIds, BlockIds, CallbackIds, logButtonValue } from '../../src/slack/ids.js';
import { isoWeekOf, previousPeriod } from '../../src/time/periods.js';
import { shiftPeriod } from '../../src/gtmhub/periods.js';
import { gtmhubOffset } from '../../src/time/zones.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

const USER = 'U0SANDBOX'; // Europe/Berlin in the Slack simulator

function kpiNamed(h: Harness, name: string) {
  const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === name);
  if (!kpi) throw new Error(`demo data has no KPI named ${name}`);
  return kpi;
}

function snapshotPosts(h: Harness) {
  return h.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots');
}

async function nextReply(h: Harness, send: () => Promise<unknown>): Promise<string> {
  const before = h.slack.responses.length;
  await send();
  await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
  return JSON.stringify(h.slack.responses.at(-1)?.body);
}

/** The form view, once the loading modal has been replaced by it. */
async function openedForm(h: Harness, viewsBefore: number) {
  await h.slack.waitFor(() => h.slack.views.opened.length > viewsBefore, 10_000);
  const id = h.slack.views.opened.at(-1)!.id;
  await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === CallbackIds.logValueModal, 10_000);
  return h.slack.views.byId(id)!;
}

/** The element of one input block of a view, e.g. the period select. */
function elementOf(view: { blocks: unknown[] }, blockId: string): { type?: string; initial_option?: { value: string }; initial_value?: string; options?: Array<{ text: { text: string }; value: string }> } {
  return (view.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as { element: never }).element;
}

/** The buttons of the last ephemeral reply. */
function replyButtons(h: Harness): Array<{ action_id: string; value: string; text: { text: string } }> {
  const blocks = (h.slack.responses.at(-1)?.body as { blocks?: Array<{ type: string; elements?: unknown[] }> }).blocks ?? [];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as never[]);
}

function formState(kpi: { id: string; name: string } | undefined, value: string, period: string) {
  return {
    values: {
      [BlockIds.kpiPicker]: {
        [ActionIds.kpiPicker]: { type: 'external_select', selected_option: kpi ? { text: { type: 'plain_text', text: kpi.name }, value: kpi.id } : null },
      },
      [BlockIds.value]: { [ActionIds.valueInput]: { type: 'number_input', value } },
      [BlockIds.period]: { [ActionIds.periodSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: period }, value: period } } },
    },
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`recording KPI values ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    it('records a quick /kpi log for the current ISO week in the user’s zone, with their UTC offset', async () => {
      const nps = kpiNamed(h, 'Net Promoter Score');
      const posts = snapshotPosts(h).length;
      const reply = await nextReply(h, () => h.driver.command('log "Net Promoter Score" 47'));
      expect(reply).toContain('Recorded 47');
      expect(reply).toContain('Net Promoter Score');
      const post = snapshotPosts(h).at(-1)!;
      expect(snapshotPosts(h)).toHaveLength(posts + 1);
      expect(post.path).toBe(`/v1/kpis/${nps.id}/snapshots`);
      expect(post.body).toEqual({ group: isoWeekOf(h.clock.now(), 'Europe/Berlin'), timeZone: gtmhubOffset('Europe/Berlin', new Date(h.clock.now())), value: 47 });
      expect(reply).toMatch(/was|no value before/);
    });

    it('reads values the way people type them, and periods like "last week"', async () => {
      const reply = await nextReply(h, () => h.driver.command('log Monthly recurring $1.2k last week'));
      expect(reply).toContain('Recorded $1,200');
      expect(snapshotPosts(h).at(-1)!.body).toMatchObject({ value: 1200, group: previousPeriod(isoWeekOf(h.clock.now(), 'Europe/Berlin')) });
    });

    it('refuses non-numeric, NaN and infinite values without calling Gtmhub', async () => {
      const posts = snapshotPosts(h).length;
      for (const bad of ['12abc', 'NaN', 'Infinity', '1e400']) {
        const reply = await nextReply(h, () => h.driver.command(`log "Net Promoter Score" ${bad}`));
        expect(reply).toMatch(/not a number|too large|number/i);
      }
      expect(snapshotPosts(h)).toHaveLength(posts);
    });

    it('says which KPI it could not find and offers the closest names', async () => {
      const posts = snapshotPosts(h).length;
      const reply = await nextReply(h, () => h.driver.command('log "Net Promter Scor" 40'));
      expect(reply).toContain('No KPI matches');
      expect(reply).toContain('Net Promoter Score');
      expect(snapshotPosts(h)).toHaveLength(posts);
    });

    it('refuses a week that has not started yet', async () => {
      const reply = await nextReply(h, () => h.driver.command('log "Net Promoter Score" 40 2099-W01'));
      expect(reply).toContain('has not started yet');
    });

    it('opens the modal with the candidates when the name is ambiguous, keeping the value and the week typed', async () => {
      const views = h.slack.views.opened.length;
      await h.driver.command('log Ne 5 last week'); // "Net Promoter Score" and "New signups"
      const form = await openedForm(h, views);
      const picker = elementOf(form, BlockIds.kpiPicker);
      expect(picker.type).toBe('static_select');
      expect(picker.options!.map((o) => o.text.text)).toEqual(['Net Promoter Score — Customer Success', 'New signups — Marketing']);
      expect(elementOf(form, BlockIds.value).initial_value).toBe('5');
      expect(elementOf(form, BlockIds.period).initial_option!.value).toBe(previousPeriod(isoWeekOf(h.clock.now(), 'Europe/Berlin')));
    });

    it('keeps a week older than the 8 offered when the name is ambiguous, instead of switching to this week', async () => {
      const old = shiftPeriod(isoWeekOf(h.clock.now(), 'Europe/Berlin'), -18);
      const views = h.slack.views.opened.length;
      await h.driver.command(`log Ne 5 ${old}`);
      const form = await openedForm(h, views);
      const period = elementOf(form, BlockIds.period);
      expect(period.initial_option!.value).toBe(old);
      expect(period.options!.at(-1)!.value).toBe(old);
    });

    it('does not write to a KPI that only contains the typed word, but offers it in the modal', async () => {
      const mrr = kpiNamed(h, 'Monthly recurring revenue');
      const posts = snapshotPosts(h).length;
      const views = h.slack.views.opened.length;
      await h.driver.command('log recurring 5');
      const form = await openedForm(h, views);
      expect(elementOf(form, BlockIds.kpiPicker).initial_option!.value).toBe(mrr.id);
      expect(snapshotPosts(h)).toHaveLength(posts);
    });

    it('offers to log the typed value to the closest names when the KPI is unknown, and the button opens the modal preset', async () => {
      const nps = kpiNamed(h, 'Net Promoter Score');
      await nextReply(h, () => h.driver.command('log "Net Promter Scor" 40 last week'));
      const button = replyButtons(h).find((b) => b.text.text === 'Log 40 to Net Promoter Score')!;
      expect(button).toBeDefined();
      const views = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: button.action_id, value: button.value }], channel: { id: 'C0GENERAL' } });
      const form = await openedForm(h, views);
      expect(elementOf(form, BlockIds.kpiPicker).initial_option!.value).toBe(nps.id);
      expect(elementOf(form, BlockIds.value).initial_value).toBe('40');
      expect(elementOf(form, BlockIds.period).initial_option!.value).toBe(previousPeriod(isoWeekOf(h.clock.now(), 'Europe/Berlin')));
    });

    it('records to a KPI given by id that was created in Gtmhub after the KPI list was loaded', async () => {
      const fresh = h.gtmhub.state.addKpi({ name: 'Created after the catalogue' });
      const reply = await nextReply(h, () => h.driver.command(`log ${fresh.id} 7`));
      expect(reply).toContain('Recorded 7 for *Created after the catalogue*');
      expect(snapshotPosts(h).at(-1)!.path).toBe(`/v1/kpis/${fresh.id}/snapshots`);
    });

    it('finds and records a KPI whose name has characters Slack escapes (R&D)', async () => {
      h.gtmhub.state.addKpi({ name: 'R&D spend' });
      await h.kpibot.deps.catalogue.refresh();
      const found = await nextReply(h, () => h.driver.command('R&D'));
      expect(found).toContain('R&amp;D spend');
      expect(found).not.toContain('No KPI matches');
      const recorded = await nextReply(h, () => h.driver.command('log "R&D spend" 5'));
      expect(recorded).toContain('Recorded 5 for *R&amp;D spend*');
      expect(recorded).not.toContain('&amp;amp;');
    });

    it('shows the modal’s outcome for “R&D spend” escaped once', async () => {
      const rnd = kpiNamed(h, 'R&D spend');
      const views = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: ActionIds.logValue, value: logButtonValue(rnd.id) }], channel: { id: 'C0GENERAL' } });
      const form = await openedForm(h, views);
      await h.driver.submitView({ view: { ...form, state: formState(rnd, '6', isoWeekOf(h.clock.now(), 'Europe/Berlin')) } });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks).includes('Recorded'), 10_000);
      const outcome = JSON.stringify(h.slack.views.byId(form.id)!.blocks);
      expect(outcome).toContain('*R&amp;D spend*');
      expect(outcome).not.toContain('&amp;amp;');
    });

    it('says Slack refused the form, not that Gtmhub failed, when Slack refuses the filled-in modal', async () => {
      const views = h.slack.views.opened.length;
      h.slack.failNext('views.update', { error: 'invalid_arguments' });
      await h.driver.command('log');
      await h.slack.waitFor(() => h.slack.views.opened.length > views, 10_000);
      const id = h.slack.views.opened.at(-1)!.id;
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(id)?.blocks).includes('Slack refused to show the form'), 10_000);
      expect(JSON.stringify(h.slack.views.byId(id)!.blocks)).not.toContain('Gtmhub');
    });

    it('presets the KPI and an old week from a digest’s Log value button', async () => {
      const churn = kpiNamed(h, 'Churn rate');
      const old = shiftPeriod(isoWeekOf(h.clock.now(), 'Europe/Berlin'), -12);
      const views = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: ActionIds.logValue, value: logButtonValue(churn.id, old) }], channel: { id: 'C0GENERAL' } });
      const form = await openedForm(h, views);
      expect(elementOf(form, BlockIds.kpiPicker).initial_option!.value).toBe(churn.id);
      expect(elementOf(form, BlockIds.period).initial_option!.value).toBe(old);
    });

    it('says a quick log was filed in UTC when Slack did not give the user’s time zone', async () => {
      h.kpibot.deps.profiles.forget(USER);
      h.slack.failNext('users.info', { error: 'user_not_found' }, 3);
      const reply = await nextReply(h, () => h.driver.command('log "Net Promoter Score" 41'));
      h.kpibot.deps.profiles.forget(USER);
      expect(reply).toContain('Recorded 41');
      expect(reply).toContain('were taken in UTC, because Slack did not give kpibot your time zone');
      expect(snapshotPosts(h).at(-1)!.body).toMatchObject({ group: isoWeekOf(h.clock.now(), 'UTC'), timeZone: 'UTC+0' });
    });

    it('records a modal submission with the user’s own UTC offset even when users.info is slower than the ack allows', async () => {
      const churn = kpiNamed(h, 'Churn rate');
      const views = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: ActionIds.logValue, value: logButtonValue(churn.id) }], channel: { id: 'C0GENERAL' } });
      const form = await openedForm(h, views);
      h.kpibot.deps.profiles.forget(USER);
      // users.info answers after 4 s of real time; kpibot's 1.5 s wait for it runs out on its clock
      // as soon as it starts, so the acknowledgement never has the profile.
      h.slack.failNext('users.info', { latencyMs: 4_000 });
      const posts = snapshotPosts(h).length;
      const submitting = h.driver.submitView({ view: { ...form, state: formState(churn, '2.5', isoWeekOf(h.clock.now(), 'Europe/Berlin')) } });
      await h.clock.runOut(1_500);
      const submitted = await submitting;
      expect(submitted.json).toMatchObject({ response_action: 'update' });
      expect(snapshotPosts(h)).toHaveLength(posts); // recorded only once the real profile came
      await h.slack.waitFor(() => snapshotPosts(h).length > posts, 10_000);
      expect(snapshotPosts(h).at(-1)!.body).toMatchObject({ timeZone: gtmhubOffset('Europe/Berlin', new Date(h.clock.now())) });
    });

    it('sends a POST that failed with 503 exactly once, and says it may or may not be recorded', async () => {
      h.gtmhub.faults.set('POST /v1/kpis/:id/snapshots', { status: 503 });
      const posts = snapshotPosts(h).length;
      const reply = await nextReply(h, () => h.driver.command('log "Churn rate" 2.5%'));
      expect(snapshotPosts(h)).toHaveLength(posts + 1);
      expect(reply).toContain('may or may not have been recorded');
      expect(reply).toContain('Churn rate');
    });

    it('says a value Gtmhub refused was not recorded, with Gtmhub’s reason', async () => {
      h.gtmhub.faults.set('POST /v1/kpis/:id/snapshots', { status: 400, body: { message: 'value out of range' } });
      const reply = await nextReply(h, () => h.driver.command('log "Churn rate" 3'));
      expect(reply).toContain('was not recorded');
      expect(reply).toContain('value out of range');
    });

    it('tells the user Gtmhub refused the token (401) without leaking it', async () => {
      h.gtmhub.faults.set('POST /v1/kpis/:id/snapshots', { status: 401 });
      const reply = await nextReply(h, () => h.driver.command('log "Churn rate" 3'));
      expect(reply).toContain('was not recorded');
      expect(reply).toContain('GTMHUB_TOKEN');
      expect(reply).not.toContain(h.gtmhub.token);
    });

    it('shows the user their last entries and what became of them', async () => {
      const reply = await nextReply(h, () => h.driver.command('history'));
      expect(reply).toContain('Net Promoter Score');
      expect(reply).toContain('recorded');
      expect(reply).toContain('not recorded');
      expect(reply).toContain('not confirmed by Gtmhub');
    });

    it('records from the modal: typeahead, current value once picked, errors next to fields, one POST', async () => {
      const churn = kpiNamed(h, 'Churn rate');
      const views = h.slack.views.opened.length;
      await h.driver.command('log');
      const form = await openedForm(h, views);

      // Typeahead: at most 100 options of at most 75 characters.
      const suggestion = await h.driver.suggestion({ actionId: ActionIds.kpiPicker, blockId: BlockIds.kpiPicker, value: 'chu', view: form });
      const options = (suggestion.json as { options: Array<{ text: { text: string }; value: string }> }).options;
      expect(options.some((o) => o.value === churn.id)).toBe(true);
      expect(options.length).toBeLessThanOrEqual(100);
      for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);

      // Picking the KPI shows its current value.
      const week = isoWeekOf(h.clock.now(), 'Europe/Berlin');
      await h.driver.action({
        actions: [{ action_id: ActionIds.kpiPicker, block_id: BlockIds.kpiPicker, type: 'external_select', selected_option: { text: { type: 'plain_text', text: churn.name }, value: churn.id } }],
        view: { ...form, state: formState(churn, '', week) },
      });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks).includes('Current value'), 10_000);

      // Invalid input: errors next to the fields, nothing sent.
      const posts = snapshotPosts(h).length;
      const invalid = await h.driver.submitView({ view: { ...h.slack.views.byId(form.id)!, state: formState(undefined, 'abc', week) } });
      expect(invalid.json).toMatchObject({ response_action: 'errors', errors: { [BlockIds.kpiPicker]: expect.any(String), [BlockIds.value]: expect.any(String) } });
      expect(snapshotPosts(h)).toHaveLength(posts);

      // Valid: the modal turns into "Recording…", then shows the outcome; one POST even if Slack delivers twice.
      const valid = { view: { ...h.slack.views.byId(form.id)!, state: formState(churn, '2.75', week) } };
      const first = await h.driver.submitView(valid);
      expect(first.json).toMatchObject({ response_action: 'update' });
      await h.driver.submitView(valid);
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks).includes('Recorded'), 10_000);
      expect(snapshotPosts(h)).toHaveLength(posts + 1);
      expect(snapshotPosts(h).at(-1)!.body).toMatchObject({ value: 2.75, group: week });
    });

    it('opens the modal from the global shortcut and from a Log value button, preset to the KPI', async () => {
      const nps = kpiNamed(h, 'Net Promoter Score');
      let views = h.slack.views.opened.length;
      await h.driver.shortcut({ callbackId: CallbackIds.logValueShortcut });
      await openedForm(h, views);

      views = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: ActionIds.logValue, value: JSON.stringify({ kpiId: nps.id }) }], channel: { id: 'C0GENERAL' } });
      const form = await openedForm(h, views);
      expect(JSON.stringify(form.blocks)).toContain(nps.id);
    });

    it('acknowledges within Slack’s 3 s while Gtmhub hangs, then answers once the read’s deadline passes', async () => {
      h.gtmhub.faults.set('GET /v1/kpi-snapshots', { hang: true });
      const reply = await nextReply(h, async () => {
        const res = await h.driver.command('show Churn rate');
        expect(res.timedOut).toBe(false);
        expect(res.status).toBe(200);
        // Two reads wait: the details' 8 weeks and their chart's 12.
        await h.clock.runOut(interactiveWithinTwoSeconds.deadlineMs, { count: 2 });
      });
      expect(reply).toContain('Churn rate');
    });
  });
}
