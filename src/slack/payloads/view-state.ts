import { invalid, isRecord, parsed, type Parsed } from '../../parsing/parsed.js';

/**
 * A submitted view's inputs (`view.state.values`: block id → action id → element state), parsed
 * into typed fields. Slack sends `null` for an input left empty, leaves out inputs it has no
 * state for, and a forged request may send anything: a missing, null or mistyped field reads as
 * empty; only a state that is not an object at all, or a value longer than Slack ever sends, is
 * an error (with the block it was found in, so a form can show it next to the field).
 */
export interface InputState {
  /** plain_text_input, number_input, email/url inputs. */
  value?: string;
  /** static/external select, radio buttons: the chosen option's value. */
  selectedOption?: string;
  /** multi selects and checkboxes: the chosen options' values. */
  selectedOptions: string[];
  selectedUsers: string[];
  /** users_select: the chosen member. */
  selectedUser?: string;
  selectedConversation?: string;
  /** timepicker: `HH:mm`. */
  selectedTime?: string;
}

/** block id → action id → the input's state. */
export type ViewState = ReadonlyMap<string, ReadonlyMap<string, InputState>>;

/** Which input to read: its block_id and action_id (see ids.ts). */
export interface InputIds {
  block: string;
  action: string;
}

/** Slack's longest input text: plain_text_input's `max_length` is at most 3,000. */
export const MAX_INPUT_TEXT = 3000;
/** Slack's longest option value (150) and ids (user, channel) are far shorter than this. */
const MAX_CHOICE_TEXT = 150;
/** More chosen items than any of kpibot's inputs could hold. */
const MAX_CHOICES = 1000;

export function parseViewState(values: unknown): Parsed<ViewState> {
  if (!isRecord(values)) return invalid('the view state is not an object');
  const blocks = new Map<string, Map<string, InputState>>();
  for (const [blockId, actions] of Object.entries(values)) {
    if (!isRecord(actions)) continue;
    const inputs = new Map<string, InputState>();
    for (const [actionId, element] of Object.entries(actions)) {
      const input = inputStateOf(element);
      if (!input.ok) return invalid(`${input.error} (block ${blockId.slice(0, 100)})`, blockId);
      inputs.set(actionId, input.value);
    }
    blocks.set(blockId, inputs);
  }
  return parsed(blocks);
}

/** The state of one input, undefined when the view had no such input (or Slack sent no state for it). */
export function inputOf(state: ViewState, ids: InputIds): InputState | undefined {
  return state.get(ids.block)?.get(ids.action);
}

/** A state with no input at all: what a view whose state could not be read is treated as by callers that need one. */
export const EMPTY_VIEW_STATE: ViewState = new Map();

function inputStateOf(element: unknown): Parsed<InputState> {
  const input: InputState = { selectedOptions: [], selectedUsers: [] };
  if (!isRecord(element)) return parsed(input);
  const value = text(element.value, MAX_INPUT_TEXT);
  const option = isRecord(element.selected_option) ? text(element.selected_option.value, MAX_CHOICE_TEXT) : parsed<string | undefined>(undefined);
  const conversation = text(element.selected_conversation, MAX_CHOICE_TEXT);
  const user = text(element.selected_user, MAX_CHOICE_TEXT);
  const time = text(element.selected_time, MAX_CHOICE_TEXT);
  const options = list(element.selected_options, (o) => (isRecord(o) ? o.value : undefined));
  const users = list(element.selected_users, (u) => u);
  for (const field of [value, option, conversation, user, time, options, users]) if (!field.ok) return field;
  if (value.ok && value.value !== undefined) input.value = value.value;
  if (option.ok && option.value !== undefined) input.selectedOption = option.value;
  if (conversation.ok && conversation.value !== undefined) input.selectedConversation = conversation.value;
  if (user.ok && user.value !== undefined && user.value !== '') input.selectedUser = user.value;
  if (time.ok && time.value !== undefined) input.selectedTime = time.value;
  if (options.ok) input.selectedOptions = options.value;
  if (users.ok) input.selectedUsers = users.value;
  return parsed(input);
}


/** A string field: absent, null or not a string reads as undefined; too long is an error. */
function text(value: unknown, max: number): Parsed<string | undefined> {
  if (typeof value !== 'string') return parsed(undefined);
  return value.length > max ? invalid(`an input sent ${value.length} characters, more than Slack allows (${max})`) : parsed(value);
}

/** The strings of a list field (options' values, user ids); anything else in it is skipped. */
function list(value: unknown, item: (entry: unknown) => unknown): Parsed<string[]> {
  if (!Array.isArray(value)) return parsed([]);
  if (value.length > MAX_CHOICES) return invalid(`an input sent ${value.length} choices, more than kpibot offers`);
  const out: string[] = [];
  for (const entry of value) {
    const v = item(entry);
    if (typeof v !== 'string' || v === '') continue;
    if (v.length > MAX_CHOICE_TEXT) return invalid(`an input sent a choice of ${v.length} characters, more than Slack allows (${MAX_CHOICE_TEXT})`);
    out.push(v);
  }
  return parsed(out);
}
