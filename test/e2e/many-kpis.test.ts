/**
 * A Gtmhub account of 300 KPIs: searches that match more than a message can show, and a typeahead
 * that matches more than Slack's 100 options.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds, BlockIds, CallbackIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { nextReply } from './personal-helpers.js';

/** Slack's limits on an options answer (block_suggestion). */
const MAX_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;

describe('an account with 300 KPIs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ gtmhub: { demo: { kpiCount: 300 } } });
    // A name far longer than an option may be, so that the typeahead has to shorten it.
    h.gtmhub.state.addKpi({ name: `Revenue from enterprise customers renewing early ${'and on time '.repeat(6)}` });
    await h.kpibot.deps.catalogue.refresh();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** How many KPIs of the catalogue kpibot holds match `query`. */
  async function matchCount(query: string): Promise<number> {
    return (await h.kpibot.deps.catalogue.get()).index.search(query, 1).total;
  }

  it('answers a search that matches more than 10 KPIs with how many match, the first 10, and how to narrow it', async () => {
    const total = await matchCount('revenue');
    expect(total).toBeGreaterThan(10);

    const reply = await nextReply(h, () => h.driver.command('revenue'));
    expect(reply.text).toContain(`*${total} KPIs* match “revenue”; here are the first 10.`);
    expect(reply.text).toContain('Add a word to narrow it down, e.g. `/kpi revenue emea`');
    const detailsButtons = reply.text.match(new RegExp(`"action_id":"${ActionIds.showDetails}`, 'g')) ?? [];
    expect(detailsButtons).toHaveLength(10);
  });

  it('answers a typeahead that matches more than 100 KPIs with exactly 100 options of at most 75 characters', async () => {
    expect(await matchCount('e')).toBeGreaterThan(MAX_OPTIONS);

    const response = await h.driver.suggestion({ actionId: ActionIds.kpiPicker, blockId: BlockIds.kpiPicker, value: 'e', view: { callback_id: CallbackIds.logValueModal } });
    const options = (response.json as { options: Array<{ text: { text: string }; value: string }> }).options;
    expect(options).toHaveLength(MAX_OPTIONS);
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(MAX_OPTION_TEXT);
    expect(options.some((o) => o.text.text.startsWith('Revenue from enterprise customers') && o.text.text.length === MAX_OPTION_TEXT)).toBe(true);
  });
});
