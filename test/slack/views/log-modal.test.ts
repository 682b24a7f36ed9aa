import { describe, expect, it } from 'vitest';
import type { RecordValueResult } from '../../../src/kpis/record-value.js';
import { ActionIds, BlockIds } from '../../../src/slack/ids.js';
import { kpiOptionText, logValueModal, numberInputText, resultModal, type LogModalModel } from '../../../src/slack/views/log-modal.js';
import { recordingOutcomeText } from '../../../src/slack/views/log-result.js';
import type { Submission } from '../../../src/store/submission.js';
import { aKpi } from '../../kpis/kpi-fixtures.js';

const RND = aKpi('R&D <spend>', { aggregation: 'sum', formatting: { fractionSize: 0, prefix: '$', suffix: '' } });

function submission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: 's1', teamId: 'T1', userId: 'U1', kpiId: RND.id, kpiName: RND.name, period: '2026-W48', timeZone: 'UTC+1', value: 5,
    rawInput: '5', source: 'modal', idempotencyKey: 'k', status: 'recorded', error: null, previousValue: null,
    createdAt: new Date('2026-11-26T12:00:00Z'), completedAt: new Date('2026-11-26T12:00:01Z'), ...overrides,
  };
}

function model(overrides: Partial<LogModalModel> = {}): LogModalModel {
  return {
    periods: [
      { label: '2026-W48', text: 'This week · 2026-W48' },
      { label: '2026-W47', text: 'Last week · 2026-W47' },
    ],
    initialPeriod: '2026-W48',
    privateMetadata: '{}',
    ...overrides,
  };
}

function blockOf(view: { blocks: unknown[] }, blockId: string): { element: Record<string, unknown> } {
  return view.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as { element: Record<string, unknown> };
}

const sectionText = (view: { blocks: unknown[] }): string => (view.blocks[0] as { text: { text: string } }).text.text;

describe('the result modal', () => {
  it('shows a recorded KPI named “R&D <spend>” escaped once, so Slack displays the name as typed', () => {
    const result: RecordValueResult = { status: 'recorded', submission: submission(), before: undefined, after: 5 };
    const text = sectionText(resultModal({ mrkdwn: recordingOutcomeText(result, RND, 'en-US') }));
    expect(text).toContain('*R&amp;D &lt;spend&gt;*');
    expect(text).not.toContain('&amp;amp;');
    expect(text).not.toContain('&amp;lt;');
  });

  it('keeps Gtmhub’s reason readable when it holds a < sign', () => {
    const result: RecordValueResult = { status: 'failed', submission: submission({ status: 'failed' }), sentence: 'Gtmhub refused: “value must be < 100”.' };
    expect(sectionText(resultModal({ mrkdwn: recordingOutcomeText(result, RND, 'en-US') }))).toContain('value must be &lt; 100');
  });

  it('escapes a plain sentence once', () => {
    expect(sectionText(resultModal('R&D <spend> was deleted.'))).toBe('R&amp;D &lt;spend&gt; was deleted.');
  });
});

describe('the log modal', () => {
  it('labels each candidate Name — Group, so two KPIs of the same name can be told apart', () => {
    const groups = new Map([['g1', 'Sales'], ['g2', 'Operations']]);
    const a = aKpi('Revenue', { id: 'a'.repeat(24), groups: ['g1'] });
    const b = aKpi('Revenue', { id: 'b'.repeat(24), groups: ['g2'] });
    const view = logValueModal(model({ candidates: [a, b].map((k) => ({ id: k.id, label: kpiOptionText(k, groups) })) }));
    const picker = blockOf(view, BlockIds.kpiPicker).element as { type: string; options: Array<{ text: { text: string } }> };
    expect(picker.type).toBe('static_select');
    expect(picker.options.map((o) => o.text.text)).toEqual(['Revenue — Sales', 'Revenue — Operations']);
  });

  it('cuts a long Name — Group label to Slack’s 75 characters', () => {
    expect([...kpiOptionText(aKpi('N'.repeat(100), { groups: ['g'] }), new Map([['g', 'Group']]))]).toHaveLength(75);
  });

  it('preselects the requested week', () => {
    const view = logValueModal(model({ initialPeriod: '2026-W47' }));
    expect(blockOf(view, BlockIds.period).element).toMatchObject({ action_id: ActionIds.periodSelect, initial_option: { value: '2026-W47' } });
  });

  it.each([
    [0.0000001, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [12500, '12500'],
    [-2.75, '-2.75'],
  ])('prefills %d as %j, never in exponent notation', (value, text) => {
    expect(numberInputText(value)).toBe(text);
    expect(blockOf(logValueModal(model({ initialValue: value })), BlockIds.value).element).toMatchObject({ initial_value: text });
  });
});
