/**
 * Gtmhub KPI links unfurl into the KPI's card with its chart (`link_shared` → `chat.unfurl`), the
 * chart shared into the thread of the message with the link; never in a conversation shared with
 * another organisation, never with KPIBOT_UNFURL=off, and not for links that name no KPI.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

type Block = { type: string; slack_file?: { id: string }; text?: { text: string } };

async function postLink(h: Harness, url: string, channel = 'C0GENERAL'): Promise<string> {
  const client = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl });
  const posted = await client.chat.postMessage({ channel, text: `Look at <${url}>` });
  return String(posted.ts);
}

async function shareLink(h: Harness, url: string, extra: Record<string, unknown> = {}): Promise<void> {
  const ts = await postLink(h, url);
  const res = await h.driver.event({ type: 'link_shared', channel: 'C0GENERAL', user: 'U0SANDBOX', message_ts: ts, links: [{ domain: new URL(url).hostname, url }], ...extra });
  expect(res.status).toBe(200);
  await h.kpibot.deps.background.drain(10_000);
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`Gtmhub KPI links unfurl ${target.name}`, () => {
    let h: Harness;
    let churnId: string;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
      await h.kpibot.deps.catalogue.get();
      churnId = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!.id;
    });
    afterAll(async () => {
      await h?.close();
    });

    it('unfurls a KPI link into its card with a chart shared in the message’s thread', async () => {
      const url = `https://app.gtmhub.com/#/kpis/${churnId}`;
      await shareLink(h, url);
      const unfurl = h.slack.files.unfurls.at(-1)!;
      const blocks = (unfurl.unfurls[url] as { blocks: Block[] }).blocks;
      expect(JSON.stringify(blocks)).toContain('Churn rate');
      const image = blocks.find((b) => b.type === 'image')!;
      const file = h.slack.files.byId(image.slack_file!.id)!;
      expect(file.completed).toBe(true);
      expect(file.shares).toEqual(['C0GENERAL']);
      expect(JSON.stringify(blocks)).toContain('kpi_log_value');
    });

    it('does not unfurl in a conversation shared with another organisation', async () => {
      const before = h.slack.files.unfurls.length;
      await shareLink(h, `https://app.quantive.com/results/kpis/${churnId}`, { is_ext_shared_channel: true });
      expect(h.slack.files.unfurls).toHaveLength(before);
    });

    it('leaves links that name no KPI alone', async () => {
      const before = h.slack.files.unfurls.length;
      await shareLink(h, 'https://app.gtmhub.com/#/kpis/0123456789abcdef01234567');
      await shareLink(h, 'https://app.gtmhub.com/#/okrs/goals');
      expect(h.slack.files.unfurls).toHaveLength(before);
    });
  });
}

describe('Gtmhub KPI links with KPIBOT_UNFURL=off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { KPIBOT_UNFURL: 'off' } });
    await h.kpibot.deps.catalogue.get();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('never unfurls', async () => {
    const id = [...h.gtmhub.state.kpis.values()][0]!.id;
    await shareLink(h, `https://app.gtmhub.com/#/kpis/${id}`);
    expect(h.slack.files.unfurls).toEqual([]);
    expect(h.slack.callsTo('chat.unfurl')).toEqual([]);
  });
});
