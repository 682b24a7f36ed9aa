import { describe, expect, it } from 'vitest';
import type { CheckinItem, CheckinProgress } from '../../../../src/checkins/progress.js';
import { checkView, checkMessageBlocks } from '../../../../src/sandbox/slack/block-kit-limits.js';
import { checkCheckinForm } from '../../../../src/slack/handlers/checkins/check-in.js';
import { CheckinIds, checkinValueBlockId } from '../../../../src/slack/ids.js';
import { parseCheckinButtonValue } from '../../../../src/slack/payloads/button-values.js';
import { parseCheckinModalMetadata, type CheckinModalMetadata } from '../../../../src/slack/payloads/metadata.js';
import { parseViewState } from '../../../../src/slack/payloads/view-state.js';
import { checkinModal, MAX_CHECKIN_FIELDS } from '../../../../src/slack/views/checkins/check-in-modal.js';
import { renderCheckinProgress } from '../../../../src/slack/views/checkins/dm.js';
import { aKpi } from '../../../kpis/kpi-fixtures.js';

const PERIOD = '2026-W50';
const REMINDER = { id: 'r-1', channelId: 'C0GENERAL', createdBy: 'U0LEAD', personalFor: null };

function items(count: number, state: CheckinItem['state'] = { kind: 'missing' }): CheckinItem[] {
  return Array.from({ length: count }, (_, i) => ({ kpi: aKpi(`KPI ${i + 1} ${'x'.repeat(90)}`), state, current: 10, previous: 9 }));
}

function progress(list: CheckinItem[]): CheckinProgress {
  return { reminder: REMINDER, slackUserId: 'U0ANA', period: PERIOD, items: list };
}

const metadata: CheckinModalMetadata = { r: 'r-1', p: PERIOD, ids: ['k1', 'k2'], seen: [], a: {} };

describe('the Check in modal', () => {
  it('stays within Slack’s limits at its most: 40 fields, each with an error, and the recorded lines', () => {
    const list = items(MAX_CHECKIN_FIELDS);
    const view = checkinModal({
      period: PERIOD,
      fields: list.map((item) => ({ item, typed: '12', error: 'Gtmhub refused the value: it said the KPI is locked.' })),
      recorded: list.map((i) => `✅ *${i.kpi.name}* — 12`),
      more: 7,
      metadata: { ...metadata, ids: list.map((i) => i.kpi.id) },
      locale: 'en-US',
    });
    expect(checkView(view)).toEqual([]);
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(MAX_CHECKIN_FIELDS);
    expect(view.submit?.text).toBe('Record and go on');
  });

  it('shows this week’s value so far and the week before’s as the field’s hint, and keeps what was typed', () => {
    const [item] = items(1);
    const view = checkinModal({ period: PERIOD, fields: [{ item: item!, typed: '1.2k' }], recorded: [], more: 0, metadata, locale: 'en-US' });
    expect(view.blocks[1]).toMatchObject({ block_id: checkinValueBlockId(item!.kpi.id), hint: { text: 'this week so far: 10 · the week before: 9' }, element: { initial_value: '1.2k' } });
  });
});

describe('the check-in DM', () => {
  it('stays within a message’s 50 blocks with more KPIs than it shows', () => {
    expect(checkMessageBlocks(renderCheckinProgress(progress(items(60))).blocks)).toEqual([]);
  });

  it('says all done, without Check in, once every KPI has its value or was put off', () => {
    const message = renderCheckinProgress(progress([...items(1, { kind: 'done', value: 5 }), ...items(1, { kind: 'skipped' })]));
    expect(message.text).toBe('All done for the week of Dec 7–13, thank you.');
    expect(JSON.stringify(message.blocks)).not.toContain(CheckinIds.checkIn);
    expect(JSON.stringify(message.blocks)).toContain(CheckinIds.stop);
  });
});

describe('checking the Check in form', () => {
  function state(values: Record<string, string>) {
    const parsed = parseViewState(Object.fromEntries(Object.entries(values).map(([id, value]) => [checkinValueBlockId(id), { [CheckinIds.valueInput]: { type: 'plain_text_input', value } }])));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  }

  it('reads the human notations and leaves empty fields for later', () => {
    const checked = checkCheckinForm(state({ k1: '1.2k', k2: '' }), metadata);
    expect(checked).toMatchObject({ ok: true, values: [{ kpiId: 'k1', rawInput: '1.2k', value: 1200 }] });
  });

  it('refuses a bad value next to its field', () => {
    const checked = checkCheckinForm(state({ k1: '12', k2: 'lots' }), metadata);
    expect(checked).toEqual({ ok: false, errors: { [checkinValueBlockId('k2')]: expect.any(String) } });
  });

  it('asks for at least one value', () => {
    expect(checkCheckinForm(state({}), metadata)).toEqual({ ok: false, errors: { [checkinValueBlockId('k1')]: 'Type a value for at least one KPI, or close the form to log them later.' } });
  });
});

describe('what the check-in buttons and form carry', () => {
  it('reads kpibot’s own values and refuses others', () => {
    expect(parseCheckinButtonValue(JSON.stringify({ r: 'r-1', p: PERIOD, k: 'k1' }))).toEqual({ ok: true, value: { r: 'r-1', p: PERIOD, k: 'k1' } });
    expect(parseCheckinButtonValue(JSON.stringify({ r: 'r-1', p: 'next week' })).ok).toBe(false);
    expect(parseCheckinModalMetadata(JSON.stringify(metadata))).toEqual({ ok: true, value: metadata });
    expect(parseCheckinModalMetadata('{"r":"r-1"}').ok).toBe(false);
  });
});
