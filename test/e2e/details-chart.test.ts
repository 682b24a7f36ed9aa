/**
 * The chart on a KPI's details, end to end: `/kpi show` and *Details* reply with an image block
 * whose file went through Slack's three upload steps and is shared into the bot's DM with the
 * person (the simulator refuses a `slack_file` the reply's reader cannot see); a repeated lookup
 * re-uses the upload; a failing upload still delivers the details, without the chart; `26w` draws
 * 26 weeks. The PNG itself is tested in test/charts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { nextReply } from './personal-helpers.js';

type Block = { type: string; slack_file?: { id: string }; alt_text?: string; title?: { text: string } };

const imagesOf = (body: Record<string, unknown>): Block[] => ((body.blocks as Block[] | undefined) ?? []).filter((b) => b.type === 'image');

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`charts on the details ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
      await h.kpibot.deps.catalogue.get();
    });
    afterAll(async () => {
      await h?.close();
    });

    const show = async (text: string, userId = 'U0SANDBOX') => (await nextReply(h, () => h.driver.command(text, { userId }))).body;
    const uploads = () => h.slack.callsTo('files.getUploadURLExternal').filter((c) => c.ok).length;

    it('shows the last 12 weeks as an uploaded image shared into the person’s DM, with the trend in words', async () => {
      const before = uploads();
      const body = await show('show Churn rate');
      const [image] = imagesOf(body);
      expect(image?.slack_file?.id).toMatch(/^F/);
      expect(image?.title?.text).toBe('Churn rate, last 12 weeks');
      expect(image?.alt_text).toMatch(/Churn rate/);
      expect(image?.alt_text!.length).toBeGreaterThan(20);
      expect(uploads()).toBe(before + 1);
      const file = h.slack.files.byId(image!.slack_file!.id)!;
      expect(file.completed).toBe(true);
      expect(file.bytes?.length).toBeGreaterThan(1000);
      // Shared into the bot's DM with the person: the one place only they (and the bot) can see.
      const dm = h.slack.callsTo('conversations.open').at(-1)!;
      expect(dm.args.users).toBe('U0SANDBOX');
      expect(JSON.stringify(body)).toContain('Last 8 weeks');
    });

    it('re-uses the upload for a repeated lookup, and uploads again for another person', async () => {
      const first = imagesOf(await show('show Churn rate'))[0]!;
      const before = uploads();
      const again = imagesOf(await show('show Churn rate'))[0]!;
      expect(again.slack_file?.id).toBe(first.slack_file?.id);
      expect(uploads()).toBe(before);
      const other = imagesOf(await show('show Churn rate', 'U0ADMIN'))[0]!;
      expect(other.slack_file?.id).not.toBe(first.slack_file?.id);
      expect(uploads()).toBe(before + 1);
    });

    it('draws as many weeks as asked (26w)', async () => {
      const [image] = imagesOf(await show('show Churn rate 26w'));
      expect(image?.title?.text).toBe('Churn rate, last 26 weeks');
    });

    it('sends the details without the chart when the upload fails, and logs why', async () => {
      h.slack.failNext('files.completeUploadExternal', { error: 'internal_error' });
      const body = await show('show Net Promoter Score', 'U0KOLKATA');
      expect(imagesOf(body)).toEqual([]);
      expect(JSON.stringify(body)).toContain('Net Promoter Score');
      expect(JSON.stringify(body)).toContain('Last 8 weeks');
      expect(h.logs.some((l) => l.includes('details sent without their chart: the chart upload failed at complete'))).toBe(true);
    });

    it('puts the chart on the details a Details button opens, too', async () => {
      const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
      const reply = await nextReply(h, () => h.driver.action({ actions: [{ action_id: ActionIds.showDetails, value: kpi.id }], channel: { id: 'C0GENERAL' } }));
      expect(imagesOf(reply.body)[0]?.slack_file?.id).toMatch(/^F/);
    });
  });
}
