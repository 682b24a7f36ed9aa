import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { blockTextLength } from '../../../../src/slack/views/blocks.js';
import { digestReport, type DigestKpiRow, type DigestReportInput } from '../../../../src/digests/report.js';
import type { Kpi } from '../../../../src/gtmhub/types.js';
import type { OwnerAnswer } from '../../../../src/people/people.js';
import { checkMessageBlocks } from '../../../../src/sandbox/slack/index.js';
import { ActionIds } from '../../../../src/slack/ids.js';
import {
  MESSAGE_TEXT_BUDGET,
  renderDigest,
  type ComposeOptions,
  type DigestMessage,
  type RenderedDigest,
} from '../../../../src/slack/views/digests/compose.js';

const PERIOD = '2026-W48';

function kpi(id: string, fields: Partial<Kpi> = {}): Kpi {
  return {
    id,
    name: `KPI ${id}`,
    description: '',
    aggregation: 'last',
    targetOperator: 'should_increase',
    formatting: { fractionSize: 0, prefix: '', suffix: '' },
    groups: [],
    ownerIds: [],
    ...fields,
  };
}

/** Values given newest first: `row(k, 120, 100)` is 120 in W48 and 100 in W47. */
function row(k: Kpi, ...newestFirst: Array<number | undefined>): DigestKpiRow {
  const values = new Map<string, number>();
  newestFirst.forEach((v, i) => {
    if (v !== undefined) values.set(`2026-W${48 - i}`, v);
  });
  return { kpi: k, values };
}

/** The report (digests/report.ts) of a digest, rendered as Slack messages. */
function compose(overrides: Partial<DigestReportInput> & ComposeOptions = {}): RenderedDigest {
  const { ownerOf, ...input } = overrides;
  const report = digestReport({
    period: PERIOD,
    scope: { kind: 'groups', names: ['Sales'] },
    kpis: [],
    missingKpis: 0,
    skipWhenUnchanged: false,
    listNotUpdated: true,
    ...input,
  });
  return renderDigest(report, ownerOf ? { ownerOf } : {});
}

function posted(content: RenderedDigest): DigestMessage[] {
  if (content.kind !== 'post') throw new Error(`expected a post, got a skip: ${content.reason}`);
  return content.messages;
}

function sectionTexts(blocks: readonly KnownBlock[]): string[] {
  return blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');
}

const allText = (content: RenderedDigest): string => JSON.stringify(posted(content));

describe('composeDigest', () => {
  it('opens with a header naming the week and its dates', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a'), 1, 1)] }));
    expect(first!.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Weekly KPIs — 2026-W48 · Nov 23–29', emoji: true } });
  });

  it('says what the digest covers and how many KPIs were updated', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a'), 1), row(kpi('b'))] }));
    expect(JSON.stringify(first!.blocks[1])).toContain('Groups: Sales · 1 of 2 KPIs updated');
  });

  it("formats last week's value with the KPI's prefix, fraction size and suffix in the locale", () => {
    const mrr = kpi('mrr', { name: 'MRR', formatting: { prefix: '€', fractionSize: 2, suffix: ' net' } });
    const [first] = posted(compose({ kpis: [row(mrr, 1234567.891, 1000000)], locale: 'de-DE' }));
    expect(sectionTexts(first!.blocks)[0]).toContain('*€1.234.567,89 net*');
  });

  it('shows the change against the week before, absolute and in percent', () => {
    const mrr = kpi('mrr', { formatting: { prefix: '$', fractionSize: 0, suffix: '' } });
    const [first] = posted(compose({ kpis: [row(mrr, 12_500, 10_000)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain('▲ +$2,500 (+25%) vs 2026-W47');
  });

  it.each([
    ['should_increase', 120, 100, ':large_green_circle: ▲'],
    ['should_increase', 80, 100, ':red_circle: ▼'],
    ['should_decrease', 120, 100, ':red_circle: ▲'],
    ['should_decrease', 80, 100, ':large_green_circle: ▼'],
  ])('marks a KPI that %s going from %s to %s with %s', (targetOperator, now, before, mark) => {
    const [first] = posted(compose({ kpis: [row(kpi('a', { targetOperator }), now, before)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain(mark);
  });

  it('says "no change" for a value equal to the week before', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a'), 5, 5)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain('no change vs 2026-W47');
  });

  it('says there was no value the week before instead of inventing a change', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a'), 5)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain('_no value in 2026-W47_');
  });

  it('draws an 8-week sparkline ending with the period, a dot for a week without a value', () => {
    // W48 … W41, newest first; W44 has no value; W40 (the 9th week) is not drawn.
    const [first] = posted(compose({ kpis: [row(kpi('a'), 8, 7, 6, 5, undefined, 3, 2, 1, 100)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain('`▁▂▃·▅▆▇█`');
  });

  it('lists KPIs without a value for the period as not updated, with their owners and a Log value button for that period', () => {
    const churn = kpi('churn', { name: 'Churn', ownerIds: ['u-1', 'u-2'] });
    const [first] = posted(
      compose({ kpis: [row(kpi('a'), 1, 1), row(churn, undefined, 3)], ownerOf: (id) => ({ kind: 'gtmhub_name', gtmhubUserId: id, name: id === 'u-1' ? 'Ada' : 'Bob' }) }),
    );
    const line = first!.blocks.find((b) => b.type === 'section' && b.text?.text.includes('Churn')) as SectionBlock;
    expect(line.text?.text).toBe('*Churn* — _not updated_ · owners: Ada, Bob');
    expect(line.accessory).toMatchObject({
      type: 'button',
      action_id: ActionIds.logValue,
      value: JSON.stringify({ v: 1, kpiId: 'churn', period: PERIOD }),
    });
    expect(sectionTexts(first!.blocks)).toContain('*Not updated for 2026-W48*');
  });

  it('leaves the not-updated KPIs out when the subscription does not list them', () => {
    const content = compose({ kpis: [row(kpi('a'), 1, 1), row(kpi('churn', { name: 'Churn' }))], listNotUpdated: false });
    expect(allText(content)).not.toContain('Churn');
    expect(allText(content)).not.toContain(ActionIds.logValue);
  });

  it('continues in the thread when the KPIs do not fit in 50 blocks', () => {
    const kpis = Array.from({ length: 120 }, (_, i) => row(kpi(`k${i}`, { name: `KPI number ${i}` }), i + 1, i));
    const messages = posted(compose({ kpis }));
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(checkMessageBlocks(m.blocks)).toEqual([]);
    }
    const shown = messages.flatMap((m) => sectionTexts(m.blocks)).filter((t) => t.startsWith('*KPI number'));
    expect(shown).toHaveLength(120);
    expect(messages[1]!.text).toBe('Weekly KPIs — 2026-W48 · Nov 23–29 (continued, part 2 of 3)');
  });

  it('continues in the thread when long names and owners would pass about 11,000 characters in one message', () => {
    const owners = Array.from({ length: 6 }, (_, i) => `5e8ed44adcddda0da9eab3${String(i).padStart(2, '0')}`);
    const kpis = Array.from({ length: 45 }, (_, i) => row(kpi(`k${i}`, { name: `${'Quarterly recurring revenue '.repeat(7)}${i}`, ownerIds: owners })));
    const messages = posted(compose({ kpis }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.reduce((sum, b) => sum + blockTextLength(b), 0)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
      expect(checkMessageBlocks(m.blocks)).toEqual([]);
    }
    const lines = messages.flatMap((m) => sectionTexts(m.blocks)).filter((t) => t.includes('_not updated_'));
    expect(lines).toHaveLength(45);
    expect(messages[1]!.text).toBe(`Weekly KPIs — 2026-W48 · Nov 23–29 (continued, part 2 of ${messages.length})`);
  });

  it('names the owners the report knows as Slack mentions or Gtmhub names, and the others by their Gtmhub id', () => {
    const churn = kpi('churn', { name: 'Churn', ownerIds: ['gtm-ada', 'gtm-kim', 'gtm-<bob>'] });
    const report = digestReport({ period: PERIOD, scope: { kind: 'groups', names: ['Sales'] }, kpis: [row(churn)], missingKpis: 0, skipWhenUnchanged: false, listNotUpdated: true });
    if (report.kind !== 'post') throw new Error('expected a post');
    const owners = new Map<string, OwnerAnswer>([
      ['gtm-ada', { kind: 'slack', gtmhubUserId: 'gtm-ada', slackUserId: 'U0ADA', matchedBy: 'email', name: 'Ada' }],
      ['gtm-kim', { kind: 'gtmhub_name', gtmhubUserId: 'gtm-kim', name: 'Kim <Lee>' }],
    ]);
    const [first] = posted(renderDigest({ ...report, owners }));
    expect(sectionTexts(first!.blocks)).toContain('*Churn* — _not updated_ · owners: <@U0ADA>, Kim &lt;Lee&gt;, gtm-&lt;bob&gt;');
  });

  it('names owners by their Gtmhub ids when the report knows none of them', () => {
    const churn = kpi('churn', { name: 'Churn', ownerIds: ['gtm-ada'] });
    const [first] = posted(compose({ kpis: [row(churn)] }));
    expect(sectionTexts(first!.blocks)).toContain('*Churn* — _not updated_ · owners: gtm-ada');
  });

  it('lists whole owner mentions and counts the rest instead of cutting a mention in two', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `gtm-${i}`);
    const ownerOf = (id: string): OwnerAnswer => ({ kind: 'slack', gtmhubUserId: id, slackUserId: `U0PERSON${id.slice(4).padStart(2, '0')}`, matchedBy: 'email', name: undefined });
    const [first] = posted(compose({ kpis: [row(kpi('churn', { name: 'Churn', ownerIds: ids }))], ownerOf }));
    const line = sectionTexts(first!.blocks).find((t) => t.startsWith('*Churn*'))!;
    expect(line).toMatch(/<@U0PERSON\d\d> and \d+ more$/);
    expect(line.match(/<@/g)!.length).toBe(line.match(/<@U0PERSON\d\d>/g)!.length);
  });

  it('keeps every line within the section limit whatever the KPI is called', () => {
    const long = kpi('long', { name: 'x'.repeat(5000), ownerIds: Array.from({ length: 400 }, (_, i) => `owner-${i}`) });
    const messages = posted(compose({ kpis: [row(long, 1, 2), row({ ...long, id: 'long2' })] }));
    expect(messages.flatMap((m) => checkMessageBlocks(m.blocks))).toEqual([]);
  });

  it('skips the post when no KPI changed and the subscription asks to skip then', () => {
    const content = compose({ kpis: [row(kpi('a'), 5, 5), row(kpi('b'))], skipWhenUnchanged: true });
    expect(content).toEqual({ kind: 'skip', period: PERIOD, reason: 'No KPI changed in 2026-W48 against the week before.' });
  });

  it('posts when one KPI changed even if the subscription skips unchanged weeks', () => {
    const content = compose({ kpis: [row(kpi('a'), 5, 5), row(kpi('b'), 6, 5)], skipWhenUnchanged: true });
    expect(content.kind).toBe('post');
  });

  it('posts an unchanged week when the subscription does not skip', () => {
    expect(compose({ kpis: [row(kpi('a'), 5, 5)] }).kind).toBe('post');
  });

  it('notes KPIs deleted in Gtmhub in one line instead of failing', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a'), 1, 1)], missingKpis: 1 }));
    expect(JSON.stringify(first!.blocks)).toContain('1 KPI in this digest no longer exists in Gtmhub and was left out.');
  });

  it('says why there is nothing to report when the selection is empty', () => {
    const [first] = posted(compose({ scope: { kind: 'favorites', userId: 'U1', names: [] } }));
    expect(sectionTexts(first!.blocks)).toContain('No KPIs to report: <@U1> has no favorite KPI groups.');
    expect(sectionTexts(posted(compose())[0]!.blocks)).toContain('No KPIs to report: these groups hold no KPIs.');
    expect(sectionTexts(posted(compose({ scope: { kind: 'kpis', count: 0 } }))[0]!.blocks)).toContain('No KPIs to report: the selection is empty.');
  });

  it('says whose favorite groups or how many chosen KPIs the digest covers, escaping group names', () => {
    const lead = (content: RenderedDigest): string => JSON.stringify(posted(content)[0]!.blocks[1]);
    expect(lead(compose({ scope: { kind: 'favorites', userId: 'U7', names: ['R&D', 'Sales'] } }))).toContain("<@U7>'s favorite groups: R&amp;D, Sales");
    expect(lead(compose({ scope: { kind: 'kpis', count: 1 }, kpis: [row(kpi('a'), 1)] }))).toContain('1 chosen KPI · 1 KPI updated');
  });

  it('gives a text fallback for notifications that summarises the week', () => {
    const kpis = [row(kpi('up'), 2, 1), row(kpi('down'), 1, 2), row(kpi('flat'), 1, 1), row(kpi('none'))];
    const [first] = posted(compose({ kpis }));
    expect(first!.text).toBe('Weekly KPIs — 2026-W48 · Nov 23–29: 3 KPIs updated, 1 improved, 1 worsened, 1 not updated');
  });

  it('escapes Slack control characters in KPI names', () => {
    const [first] = posted(compose({ kpis: [row(kpi('a', { name: '<!channel> & co' }), 1, 1)] }));
    expect(sectionTexts(first!.blocks)[0]).toContain('*&lt;!channel&gt; &amp; co*');
  });
});
