import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

async function nextReply(h: Harness, send: () => Promise<unknown>): Promise<string> {
  const before = h.slack.responses.length;
  await send();
  await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
  return JSON.stringify(h.slack.responses.at(-1)?.body);
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`listing the KPIs of an insight with /kpi insight ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('lists every KPI the insight computes, each with its value and a Details button', async () => {
      const reply = await nextReply(h, () => h.driver.command('insight weekly-revenue'));
      expect(reply).toContain('2 KPIs use the insight *weekly-revenue*');
      expect(reply).toContain('Monthly recurring revenue');
      expect(reply).toContain('Average revenue per user');
      expect(reply).toMatch(/\$\d{1,3}(,\d{3})+/);
      expect(reply.split(`"action_id":"${ActionIds.showDetails}"`)).toHaveLength(3);
      expect(h.gtmhub.requests.some((r) => r.path === '/v1/insights/weekly-revenue/usages/kpis')).toBe(true);
    });

    it('says so when no KPI uses the insight', async () => {
      expect(await nextReply(h, () => h.driver.command('insight churn-cohorts'))).toContain('No KPI uses the insight “churn-cohorts”.');
    });

    it('names the insight id Gtmhub does not know', async () => {
      const reply = await nextReply(h, () => h.driver.command('insight no-such-insight'));
      expect(reply).toContain('Gtmhub has no insight “no-such-insight”: check the insight id');
    });

    it('asks which insight when none is given', async () => {
      expect(await nextReply(h, () => h.driver.command('insight'))).toContain('Tell me which insight, e.g. /kpi insight weekly-revenue.');
    });
  });
}
