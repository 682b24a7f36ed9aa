import { describe, expect, it } from 'vitest';
import { ActionIds } from '../../../src/slack/ids.js';
import { LIMITS } from '../../../src/slack/views/blocks.js';
import { candidatesMessage, MAX_RESULTS, noMatchMessage, searchResultsMessage } from '../../../src/slack/views/search-results.js';
import { aKpi } from '../../kpis/kpi-fixtures.js';

const REVENUE = aKpi('Revenue', { formatting: { fractionSize: 0, prefix: '$', suffix: '' } });
const RETENTION = aKpi('Retention', { formatting: { fractionSize: 0, prefix: '', suffix: '%' } });

function buttonsOf(blocks: unknown[]): Array<{ action_id: string; text: { text: string }; value: string }> {
  const row = blocks.find((b) => (b as { type: string }).type === 'actions') as { elements: Array<{ action_id: string; text: { text: string }; value: string }> };
  return row.elements;
}

describe('search results', () => {
  it('says how many KPIs match beyond the first 10, and how to narrow the search', () => {
    const kpis = Array.from({ length: MAX_RESULTS }, (_, i) => aKpi(`Revenue ${i}`));
    const message = searchResultsMessage({
      query: 'rev',
      cards: kpis.map((kpi) => ({ kpi, groupNames: new Map(), history: undefined, locale: 'en-US' })),
      total: 312,
      closest: [],
    });
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe(
      '*312 KPIs* match “rev”; here are the first 10. Add a word to narrow it down, e.g. `/kpi rev emea`.',
    );
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  });

  it('offers Details buttons for the closest names when nothing matches a search', () => {
    const message = noMatchMessage('revnue', [REVENUE]);
    expect(message.text).toBe('No KPI matches “revnue”. Did you mean Revenue?');
    expect(buttonsOf(message.blocks)).toEqual([expect.objectContaining({ action_id: ActionIds.showDetails, value: REVENUE.id })]);
  });

  it('offers “Log 12,500 to Revenue” buttons that keep the value and the week when a logged name is unknown', () => {
    const message = noMatchMessage('revnue', [REVENUE, RETENTION], { value: 12500, period: '2026-W47', locale: 'en-US' });
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(['Log $12,500 to Revenue', 'Log 12,500% to Retention']);
    expect(buttons.map((b) => b.action_id)).toEqual([ActionIds.logValue, `${ActionIds.logValue}:1`]);
    expect(JSON.parse(buttons[0]!.value)).toEqual({ v: 1, kpiId: REVENUE.id, period: '2026-W47', value: 12500 });
  });

  it('lists the candidates with a Log button each when the candidates modal could not open', () => {
    const message = candidatesMessage('Re', [REVENUE, RETENTION], { value: 5, period: '2026-W48', locale: 'en-US' });
    expect(message.text).toBe('“Re” matches 2 KPIs (Revenue, Retention): which one?');
    expect(buttonsOf(message.blocks).map((b) => b.text.text)).toEqual(['Log $5 to Revenue', 'Log 5% to Retention']);
  });
});
