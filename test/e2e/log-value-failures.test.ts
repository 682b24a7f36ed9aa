/**
 * Recording a KPI value when Gtmhub fails: too slow for the interactive deadline, down, the KPI
 * gone (404), and a failure behind the log modal. Each ends in one sentence that says whether the
 * value was recorded, and a POST is never sent twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interactiveWithinTwoSeconds } from '../../src/gtmhub/retry.js';
import { CallbackIds } from '../../src/slack/ids.js';
import { isoWeekOf } from '../../src/time/periods.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { kpiNamed, logFormState, openedLogForm, snapshotPosts } from './log-modal-helpers.js';
import { nextReply } from './personal-helpers.js';

const POST_SNAPSHOT = 'POST /v1/kpis/:id/snapshots';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`recording a value while Gtmhub fails ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
      await h.kpibot.deps.catalogue.get();
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    it('says a value whose POST outlasted the deadline may or may not have been recorded, and sent it once', async () => {
      // Gtmhub holds the POST; kpibot's 2 s interactive deadline passes on its clock meanwhile.
      h.gtmhub.faults.set(POST_SNAPSHOT, { hang: true });
      const posts = snapshotPosts(h).length;
      const reply = await nextReply(h, async () => {
        await h.driver.command('log "Churn rate" 2.5%');
        await h.slack.waitFor(() => snapshotPosts(h).length > posts, 10_000);
        await h.clock.runOut(interactiveWithinTwoSeconds.deadlineMs);
      });
      expect(reply.text).toContain('Gtmhub did not confirm 2.5% for “Churn rate”');
      expect(reply.text).toContain('it may or may not have been recorded');
      expect(snapshotPosts(h)).toHaveLength(posts + 1);
    });

    it('says a value for a KPI Gtmhub no longer has (404) was not recorded, and that the KPI may have been deleted', async () => {
      h.gtmhub.faults.set(POST_SNAPSHOT, { status: 404, body: { message: 'KPI not found' } });
      const reply = await nextReply(h, () => h.driver.command('log "Churn rate" 3'));
      expect(reply.text).toContain('for “Churn rate”');
      expect(reply.text).toContain('was not recorded');
      expect(reply.text).toContain('the KPI no longer exists in Gtmhub');
      expect(reply.text).not.toContain('may or may not');
    });

    it('shows the one sentence in the log modal when Gtmhub fails behind it', async () => {
      const churn = kpiNamed(h, 'Churn rate');
      const views = h.slack.views.opened.length;
      await h.driver.command('log');
      const form = await openedLogForm(h, views);
      h.gtmhub.faults.set(POST_SNAPSHOT, { status: 503 });

      const week = isoWeekOf(h.clock.now(), 'Europe/Berlin');
      await h.driver.submitView({ view: { ...form, state: logFormState(churn, '2.5', week) } });
      const outcome = () => JSON.stringify(h.slack.views.byId(form.id)?.blocks ?? []);
      await h.slack.waitFor(() => outcome().includes('may or may not have been recorded'), 10_000);
      expect(h.slack.views.byId(form.id)?.callback_id).toBe(CallbackIds.logValueResultModal);
      expect(outcome()).toContain(`Gtmhub did not confirm 2.5% for “Churn rate” (${week})`);
    });
  });

  describe.skipIf(target.skipReason !== undefined)(`recording a value while Gtmhub is down ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
      await h.kpibot.deps.catalogue.get();
      await h.gtmhub.close();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('says the value was not recorded: a refused connection cannot have stored anything', async () => {
      const reply = await nextReply(h, () => h.driver.command('log "Churn rate" 3'));
      expect(reply.text).toContain('for “Churn rate”');
      expect(reply.text).toContain('was not recorded');
      expect(reply.text).toContain('could not reach Gtmhub');
      expect(reply.text).not.toContain('may or may not');
    });
  });
}
