import { describe, expect, it } from 'vitest';
import { formState } from '../../../src/sandbox/workbench/modal-state.js';
import { renderBlocks } from '../../../src/sandbox/workbench/render.js';

describe('a modal’s state', () => {
  it('starts from the inputs’ initial values and takes what was typed instead', () => {
    const { inputs } = renderBlocks([
      {
        type: 'input',
        block_id: 'week',
        label: { type: 'plain_text', text: 'Week' },
        element: { type: 'static_select', action_id: 'w', initial_option: { text: { type: 'plain_text', text: 'This week' }, value: '2026-W48' }, options: [] },
      },
      { type: 'input', block_id: 'value', label: { type: 'plain_text', text: 'Value' }, element: { type: 'number_input', action_id: 'v', is_decimal_allowed: true } },
    ]);
    expect(formState(inputs, { value: { v: { type: 'number_input', value: '3' } } })).toEqual({
      week: { w: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'This week', emoji: true }, value: '2026-W48' } } },
      value: { v: { type: 'number_input', value: '3' } },
    });
  });
});
