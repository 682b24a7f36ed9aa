import { describe, expect, it } from 'vitest';
import { inputOf, MAX_INPUT_TEXT, parseViewState } from '../../../src/slack/payloads/view-state.js';

const NAME = { block: 'b_name', action: 'a_name' };

describe('a submitted view’s state', () => {
  it('reads each kind of input into typed fields', () => {
    const state = parseViewState({
      b_name: { a_name: { type: 'plain_text_input', value: 'MRR' } },
      b_kind: { a_kind: { type: 'static_select', selected_option: { value: 'sum', text: { type: 'plain_text', text: 'Sum' } } } },
      b_groups: { a_groups: { type: 'multi_external_select', selected_options: [{ value: 'g1' }, { value: 'g2' }] } },
      b_users: { a_users: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      b_channel: { a_channel: { type: 'conversations_select', selected_conversation: 'C1' } },
      b_time: { a_time: { type: 'timepicker', selected_time: '09:30' } },
    });
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(inputOf(state.value, NAME)?.value).toBe('MRR');
    expect(inputOf(state.value, { block: 'b_kind', action: 'a_kind' })?.selectedOption).toBe('sum');
    expect(inputOf(state.value, { block: 'b_groups', action: 'a_groups' })?.selectedOptions).toEqual(['g1', 'g2']);
    expect(inputOf(state.value, { block: 'b_users', action: 'a_users' })?.selectedUsers).toEqual(['U1', 'U2']);
    expect(inputOf(state.value, { block: 'b_channel', action: 'a_channel' })?.selectedConversation).toBe('C1');
    expect(inputOf(state.value, { block: 'b_time', action: 'a_time' })?.selectedTime).toBe('09:30');
  });

  it.each([null, undefined, 'values', 42, ['b_name']])('is an error, not a throw, when the state is %j', (values) => {
    expect(parseViewState(values)).toMatchObject({ ok: false, error: 'the view state is not an object' });
  });

  it('reads inputs Slack sends as null (left empty) as empty', () => {
    const state = parseViewState({ b_name: { a_name: { type: 'plain_text_input', value: null, selected_option: null, selected_options: null, selected_users: null } } });
    expect(state.ok && inputOf(state.value, NAME)).toEqual({ selectedOptions: [], selectedUsers: [] });
  });

  it('reads a missing block or action as no input at all', () => {
    const state = parseViewState({ b_other: { a_other: { value: 'x' } } });
    expect(state.ok && inputOf(state.value, NAME)).toBeUndefined();
  });

  it('reads fields of the wrong type as empty, keeping the rest', () => {
    const state = parseViewState({
      b_name: { a_name: { value: 12, selected_option: 'sum', selected_options: [{ value: 3 }, 'g1', null, { value: 'g2' }], selected_users: 'U1' } },
      b_bad: 'not an object',
      b_worse: { a_worse: null },
    });
    expect(state.ok && inputOf(state.value, NAME)).toEqual({ selectedOptions: ['g2'], selectedUsers: [] });
    expect(state.ok && inputOf(state.value, { block: 'b_worse', action: 'a_worse' })).toEqual({ selectedOptions: [], selectedUsers: [] });
  });

  it('refuses a text longer than any Slack input sends, naming the block so the form can show it there', () => {
    const state = parseViewState({ b_name: { a_name: { value: 'x'.repeat(MAX_INPUT_TEXT + 1) } } });
    expect(state).toMatchObject({ ok: false, blockId: 'b_name' });
  });

  it('accepts a text of exactly Slack’s longest input', () => {
    const state = parseViewState({ b_name: { a_name: { value: 'x'.repeat(MAX_INPUT_TEXT) } } });
    expect(state.ok && inputOf(state.value, NAME)?.value).toHaveLength(MAX_INPUT_TEXT);
  });

  it('refuses an oversized choice and an absurd number of choices', () => {
    expect(parseViewState({ b: { a: { selected_option: { value: 'v'.repeat(151) } } } })).toMatchObject({ ok: false, blockId: 'b' });
    expect(parseViewState({ b: { a: { selected_options: [{ value: 'v'.repeat(151) }] } } })).toMatchObject({ ok: false, blockId: 'b' });
    expect(parseViewState({ b: { a: { selected_users: Array.from({ length: 1001 }, (_, i) => `U${i}`) } } })).toMatchObject({ ok: false, blockId: 'b' });
  });
});
