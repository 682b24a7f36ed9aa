/**
 * The state Slack keeps for a modal's inputs (`view.state.values`), as the workbench fills it:
 * what the blocks start with (`initial_value`, `initial_option`, …) overlaid with what the
 * developer typed. Shapes per element type follow https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload.
 */
import type { ChoiceOption, InputField, StateValues } from './render.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The option object Slack puts in state: the text as plain_text, and the value. */
function optionState(option: ChoiceOption): Json {
  return { text: { type: 'plain_text', text: option.text, emoji: true }, value: option.value };
}

/** A choice by number (1-based), value, text, text prefix or text fragment, ignoring case. */
export function chooseOption(options: readonly ChoiceOption[], wanted: string): ChoiceOption | undefined {
  const w = wanted.trim().toLowerCase();
  if (w === '') return undefined;
  if (/^\d+$/.test(w)) {
    const byNumber = options[Number(w) - 1];
    if (byNumber) return byNumber;
  }
  return (
    options.find((o) => o.value.toLowerCase() === w) ??
    options.find((o) => o.text.toLowerCase() === w) ??
    options.find((o) => o.text.toLowerCase().startsWith(w)) ??
    options.find((o) => o.text.toLowerCase().includes(w))
  );
}

/** What an element holds before anyone types: its `initial_*` value, if it has one. */
export function initialState(element: Json): Json | undefined {
  const type = element.type;
  const base = { type };
  const toChoice = (o: unknown): ChoiceOption | undefined =>
    isObject(o) ? { text: isObject(o.text) ? String(o.text.text ?? '') : '', value: String(o.value ?? '') } : undefined;
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { ...base, value: typeof element.initial_value === 'string' ? element.initial_value : null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const choice = toChoice(element.initial_option);
      return { ...base, selected_option: choice ? optionState(choice) : null };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { ...base, selected_options: (Array.isArray(element.initial_options) ? element.initial_options : []).map(toChoice).filter(Boolean).map((c) => optionState(c!)) };
    case 'datepicker':
      return { ...base, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { ...base, selected_time: element.initial_time ?? null };
    case 'users_select':
      return { ...base, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { ...base, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { ...base, selected_conversation: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { ...base, selected_conversations: element.initial_conversations ?? [] };
    case 'channels_select':
      return { ...base, selected_channel: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { ...base, selected_channels: element.initial_channels ?? [] };
    default:
      return undefined;
  }
}

export class UnknownChoiceError extends Error {
  readonly code = 'unknown_choice' as const;
  constructor(label: string, wanted: string, options: readonly ChoiceOption[]) {
    const known = options.slice(0, 8).map((o, i) => `${i + 1}) ${o.text}`).join(', ');
    super(`"${wanted}" is not a choice of ${label}${known ? `; choose one of: ${known}${options.length > 8 ? ', …' : ''}` : ''}.`);
    this.name = 'UnknownChoiceError';
  }
}

/**
 * The state an input holds once `text` is typed into it. Selects pick among `choices` (the
 * element's own options, or the last typeahead answer for external selects); lists are comma separated.
 */
export function typedState(field: InputField, text: string, choices: readonly ChoiceOption[]): Json {
  const base = { type: field.type };
  const pick = (wanted: string): Json => {
    const choice = chooseOption(choices, wanted);
    if (!choice) throw new UnknownChoiceError(field.label, wanted, choices);
    return optionState(choice);
  };
  const many = text.split(',').map((t) => t.trim()).filter(Boolean);
  switch (field.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { ...base, selected_option: text.trim() === '' ? null : pick(text) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { ...base, selected_options: many.map(pick) };
    case 'datepicker':
      return { ...base, selected_date: text.trim() || null };
    case 'timepicker':
      return { ...base, selected_time: text.trim() || null };
    case 'users_select':
      return { ...base, selected_user: text.trim() || null };
    case 'multi_users_select':
      return { ...base, selected_users: many };
    case 'conversations_select':
      return { ...base, selected_conversation: text.trim() || null };
    case 'multi_conversations_select':
      return { ...base, selected_conversations: many };
    case 'channels_select':
      return { ...base, selected_channel: text.trim() || null };
    case 'multi_channels_select':
      return { ...base, selected_channels: many };
    default:
      return { ...base, value: text === '' ? null : text };
  }
}

/** The modal's `state.values`: every input's initial state, replaced by what was typed into it. */
export function formState(inputs: readonly InputField[], typed: StateValues): StateValues {
  const values: StateValues = {};
  for (const input of inputs) {
    const state = typed[input.blockId]?.[input.actionId] ?? initialState(input.element);
    if (state !== undefined) values[input.blockId] = { ...values[input.blockId], [input.actionId]: state };
  }
  return values;
}
