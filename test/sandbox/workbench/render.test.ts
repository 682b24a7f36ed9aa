import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMrkdwn, renderView } from '../../../src/sandbox/workbench/render.js';

describe('rendering Block Kit as text', () => {
  it('shows a header, a section with its fields and a context line', () => {
    const { lines } = renderBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'Churn rate' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*3.0%* in 2026-W47' }, fields: [{ type: 'mrkdwn', text: '*Target*\nshould decrease' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Groups: Finance' }, { type: 'image', image_url: 'https://x/y.png', alt_text: 'logo' }] },
      { type: 'divider' },
    ]);
    expect(lines).toEqual(['== Churn rate ==', '*3.0%* in 2026-W47', '  · *Target* — should decrease', '  Groups: Finance  [logo]', '────────────────────────']);
  });

  it('numbers buttons in actions blocks and accessories, from the number it is given', () => {
    const { lines, controls } = renderBlocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'Finance' }, accessory: { type: 'button', action_id: 'fav', text: { type: 'plain_text', text: '★ Unfavorite' }, value: 'g1' } },
        {
          type: 'actions',
          block_id: 'b1',
          elements: [
            { type: 'button', action_id: 'log', text: { type: 'plain_text', text: 'Log value' }, value: '{"kpiId":"k1"}' },
            { type: 'button', action_id: 'details', text: { type: 'plain_text', text: 'Details' }, value: 'k1' },
          ],
        },
      ],
      { firstControl: 4 },
    );
    expect(lines).toEqual(['Finance  [4] ★ Unfavorite', '[5] Log value  [6] Details']);
    expect(controls.map((c) => [c.number, c.actionId, c.blockId, c.value])).toEqual([
      [4, 'fav', undefined, 'g1'],
      [5, 'log', 'b1', '{"kpiId":"k1"}'],
      [6, 'details', 'b1', 'k1'],
    ]);
  });

  it('lists a menu’s choices so that one can be named', () => {
    const { lines, controls } = renderBlocks([
      {
        type: 'actions',
        elements: [{ type: 'overflow', action_id: 'fav', options: [{ text: { type: 'plain_text', text: '☆ Favorite Sales' }, value: 'g1' }, { text: { type: 'plain_text', text: '☆ Favorite Finance' }, value: 'g2' }] }],
      },
    ]);
    expect(lines).toEqual(['[1] ⋯ (1) ☆ Favorite Sales  2) ☆ Favorite Finance)']);
    expect(controls[0]?.options).toEqual([
      { text: '☆ Favorite Sales', value: 'g1' },
      { text: '☆ Favorite Finance', value: 'g2' },
    ]);
  });

  it('shows an input with its label, block id, kind and current value', () => {
    const blocks = [
      { type: 'input', block_id: 'value_block', label: { type: 'plain_text', text: 'Value' }, element: { type: 'number_input', action_id: 'value', is_decimal_allowed: true } },
      { type: 'input', block_id: 'kpi_block', optional: true, label: { type: 'plain_text', text: 'KPI' }, element: { type: 'external_select', action_id: 'kpi' } },
    ];
    const { lines, inputs } = renderBlocks(blocks, { state: { value_block: { value: { type: 'number_input', value: '2.75' } } } });
    expect(lines).toEqual(['✎ Value [value_block] ‹number›: 2.75', '✎ KPI (optional) [kpi_block] ‹typeahead: suggest <letters>›: —']);
    expect(inputs.map((i) => [i.blockId, i.actionId, i.type])).toEqual([
      ['value_block', 'value', 'number_input'],
      ['kpi_block', 'kpi', 'external_select'],
    ]);
  });

  it('frames a modal with its title, id and buttons', () => {
    const { lines } = renderView({
      id: 'V1',
      type: 'modal',
      title: { type: 'plain_text', text: 'Log a KPI value' },
      submit: { type: 'plain_text', text: 'Record' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello' } }],
    });
    expect(lines).toEqual(['┌ Log a KPI value (V1)', '│ Hello', '└ ‹submit: Record›  ‹close: Cancel›']);
  });

  it('resolves links, mentions, emoji and escapes in mrkdwn', () => {
    expect(renderMrkdwn('<https://x.io|Gtmhub> <@U1> <#C1|general> :large_green_circle: a &lt;b&gt; &amp; c')).toBe('Gtmhub (https://x.io) @U1 #general 🟢 a <b> & c');
  });
});
