/**
 * Block Kit → readable terminal text, for the sandbox workbench. Pure: it takes blocks (as Slack
 * would receive them) and returns lines plus what the developer can act on — numbered controls
 * (`click <n>`) and the inputs of a modal (`type <block> <value>`).
 */

/** A button, select or menu the workbench lists as `[n] Label`. */
export interface Control {
  number: number;
  /** The element's Block Kit type: `button`, `static_select`, `overflow`, … */
  type: string;
  actionId: string;
  blockId: string | undefined;
  label: string;
  value?: string;
  /** The choices of a select or overflow menu, for `click <n> <choice>`. */
  options?: ChoiceOption[];
  element: Record<string, unknown>;
}

/** An input block of a modal, filled with `type <block> <value>`. */
export interface InputField {
  blockId: string;
  actionId: string;
  label: string;
  /** The element's Block Kit type: `plain_text_input`, `external_select`, … */
  type: string;
  optional: boolean;
  /** `dispatch_action`: Slack sends a block_actions as soon as the value changes. */
  dispatches: boolean;
  element: Record<string, unknown>;
}

export interface ChoiceOption {
  text: string;
  value: string;
}

/** `view.state.values`: block_id → action_id → the element's state. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface Rendered {
  lines: string[];
  controls: Control[];
  inputs: InputField[];
}

export interface RenderOptions {
  /** The number of the first control, so that several surfaces rendered together count on. */
  firstControl?: number;
  /** Shown as the inputs' current values. */
  state?: StateValues;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The emoji kpibot's views use, as a terminal shows them; others stay `:name:`. */
const EMOJI: Record<string, string> = {
  large_green_circle: '🟢',
  red_circle: '🔴',
  white_circle: '⚪',
  hourglass_flowing_sand: '⏳',
  white_check_mark: '✅',
  heavy_check_mark: '✔',
  warning: '⚠️',
  x: '❌',
  star: '⭐',
  mag: '🔍',
  bar_chart: '📊',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  calendar: '📅',
  information_source: 'ℹ️',
  bulb: '💡',
  lock: '🔒',
  wave: '👋',
};

/** Slack's mrkdwn as plain text: links, mentions and emoji resolved, the three escapes undone. */
export function renderMrkdwn(text: string): string {
  return text
    .replace(/```\n?([\s\S]*?)\n?```/g, (_whole, code: string) => code.split('\n').map((line) => `    ${line}`).join('\n'))
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_whole, target: string, label: string | undefined) => {
      if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label}` : target;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label ? `${label} (${target})` : target;
    })
    .replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The text of a `plain_text` or `mrkdwn` object (or a bare string). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return '';
  const text = str(value.text) ?? '';
  return value.type === 'mrkdwn' ? renderMrkdwn(text) : text.replace(/:([a-z0-9_+-]+):/g, (w, n: string) => EMOJI[n] ?? w);
}

/** The options of a select, menu, checkbox or radio group (option groups flattened). */
export function choicesOf(element: Json): ChoiceOption[] {
  const direct = list(element.options);
  const grouped = list(element.option_groups).flatMap((g) => (isObject(g) ? list(g.options) : []));
  return [...direct, ...grouped].filter(isObject).map((o) => ({ text: textOf(o.text), value: str(o.value) ?? '' }));
}

/** What an input currently holds, as text ('' when empty). */
export function describeState(state: Json | undefined): string {
  if (!state) return '';
  const option = (o: unknown): string => (isObject(o) ? textOf(o.text) || (str(o.value) ?? '') : '');
  if (state.value !== undefined && state.value !== null) return String(state.value);
  if (isObject(state.selected_option)) return option(state.selected_option);
  if (Array.isArray(state.selected_options)) return state.selected_options.map(option).join(', ');
  for (const key of ['selected_date', 'selected_time', 'selected_user', 'selected_conversation', 'selected_channel']) {
    if (typeof state[key] === 'string') return state[key];
  }
  for (const key of ['selected_users', 'selected_conversations', 'selected_channels']) {
    if (Array.isArray(state[key])) return (state[key] as unknown[]).join(', ');
  }
  return '';
}

const INPUT_KIND: Record<string, string> = {
  plain_text_input: 'text',
  number_input: 'number',
  email_text_input: 'email',
  url_text_input: 'url',
  external_select: 'typeahead: suggest <letters>',
  multi_external_select: 'typeahead, several: suggest <letters>',
  static_select: 'choice',
  multi_static_select: 'choices, comma separated',
  users_select: 'user id',
  multi_users_select: 'user ids',
  conversations_select: 'channel id',
  multi_conversations_select: 'channel ids',
  channels_select: 'channel id',
  multi_channels_select: 'channel ids',
  datepicker: 'YYYY-MM-DD',
  timepicker: 'HH:mm',
  checkboxes: 'choices, comma separated',
  radio_buttons: 'choice',
};

/** A few choices inline, so long lists (100 KPIs) do not flood the terminal. */
function choicesPreview(options: ChoiceOption[], shown = 4): string {
  const head = options.slice(0, shown).map((o, i) => `${i + 1}) ${o.text}`);
  return options.length > shown ? `${head.join('  ')}  … +${options.length - shown}` : head.join('  ');
}

export function renderBlocks(blocks: unknown, options: RenderOptions = {}): Rendered {
  const lines: string[] = [];
  const controls: Control[] = [];
  const inputs: InputField[] = [];
  let next = options.firstControl ?? 1;

  const control = (element: Json, blockId: string | undefined): string => {
    const type = str(element.type) ?? 'unknown';
    const actionId = str(element.action_id) ?? '';
    const number = next++;
    const choices = choicesOf(element);
    const label =
      type === 'button'
        ? textOf(element.text)
        : type === 'overflow'
          ? '⋯'
          : `▾ ${textOf(element.placeholder) || type.replace(/_/g, ' ')}`;
    controls.push({
      number,
      type,
      actionId,
      blockId,
      label,
      ...(str(element.value) !== undefined ? { value: str(element.value) } : {}),
      ...(choices.length > 0 ? { options: choices } : {}),
      element,
    });
    const url = str(element.url) ? ` → ${str(element.url)}` : '';
    const menu = choices.length > 0 ? ` (${choicesPreview(choices)})` : '';
    return `[${number}] ${label}${url}${menu}`;
  };

  for (const raw of list(blocks)) {
    if (!isObject(raw)) continue;
    const blockId = str(raw.block_id);
    switch (raw.type) {
      case 'header':
        lines.push(`== ${textOf(raw.text)} ==`);
        break;
      case 'divider':
        lines.push('────────────────────────');
        break;
      case 'section': {
        const text = textOf(raw.text);
        const accessory = isObject(raw.accessory) ? raw.accessory : undefined;
        const side =
          accessory === undefined ? '' : accessory.type === 'image' ? `  [image: ${str(accessory.alt_text) ?? ''}]` : `  ${control(accessory, blockId)}`;
        const [first = '', ...rest] = text.split('\n');
        lines.push(`${first}${side}`, ...rest);
        for (const field of list(raw.fields)) lines.push(`  · ${textOf(field).replace(/\n/g, ' — ')}`);
        break;
      }
      case 'context':
        lines.push(
          `  ${list(raw.elements)
            .filter(isObject)
            .map((e) => (e.type === 'image' ? `[${str(e.alt_text) ?? 'image'}]` : textOf(e)))
            .join('  ')}`,
        );
        break;
      case 'actions':
        lines.push(list(raw.elements).filter(isObject).map((e) => control(e, blockId)).join('  '));
        break;
      case 'input': {
        const element = isObject(raw.element) ? raw.element : {};
        const type = str(element.type) ?? 'unknown';
        const field: InputField = {
          blockId: blockId ?? '',
          actionId: str(element.action_id) ?? '',
          label: textOf(raw.label),
          type,
          optional: raw.optional === true,
          dispatches: raw.dispatch_action === true,
          element,
        };
        inputs.push(field);
        const current = describeState(options.state?.[field.blockId]?.[field.actionId]);
        const choices = choicesOf(element);
        const kind = `${INPUT_KIND[type] ?? type}${choices.length > 0 ? `: ${choicesPreview(choices)}` : ''}`;
        lines.push(`✎ ${field.label}${field.optional ? ' (optional)' : ''} [${field.blockId}] ‹${kind}›: ${current || '—'}`);
        if (raw.hint !== undefined) lines.push(`    ${textOf(raw.hint)}`);
        break;
      }
      case 'image':
        lines.push(`[image: ${str(raw.alt_text) ?? ''}]`);
        break;
      case 'rich_text':
        lines.push(richText(raw));
        break;
      default:
        lines.push(`[${str(raw.type) ?? 'unknown'} block]`);
    }
  }
  return { lines, controls, inputs };
}

/** rich_text blocks: their text runs, in order (enough to read a message, not to style it). */
function richText(block: Json): string {
  const walk = (node: unknown): string => {
    if (!isObject(node)) return '';
    if (typeof node.text === 'string') return node.text;
    if (node.type === 'emoji') return EMOJI[str(node.name) ?? ''] ?? `:${str(node.name) ?? ''}:`;
    if (node.type === 'user') return `@${str(node.user_id) ?? ''}`;
    if (node.type === 'channel') return `#${str(node.channel_id) ?? ''}`;
    if (node.type === 'link') return str(node.url) ?? '';
    return list(node.elements).map(walk).join('');
  };
  return list(block.elements).map(walk).join('\n');
}

/** A modal or Home tab: its title, blocks, and the submit/close buttons a modal has. */
export function renderView(view: Json, options: RenderOptions = {}): Rendered {
  const body = renderBlocks(view.blocks, options);
  if (view.type === 'home') return { ...body, lines: ['┌ Home tab', ...body.lines.map((l) => `│ ${l}`), '└'] };
  const buttons = [isObject(view.submit) ? `‹submit: ${textOf(view.submit)}›` : '', isObject(view.close) ? `‹close: ${textOf(view.close)}›` : '']
    .filter(Boolean)
    .join('  ');
  return {
    ...body,
    lines: [`┌ ${textOf(view.title) || 'Modal'} (${str(view.id) ?? 'view'})`, ...body.lines.map((l) => `│ ${l}`), `└ ${buttons}`],
  };
}

/** A message (response_url post, chat.postMessage…): its blocks, or its text when it has none. */
export function renderMessage(message: Json, options: RenderOptions = {}): Rendered {
  const blocks = list(message.blocks);
  if (blocks.length > 0) return renderBlocks(blocks, options);
  return { lines: renderMrkdwn(str(message.text) ?? '').split('\n'), controls: [], inputs: [] };
}
