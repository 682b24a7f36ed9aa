import type { ActionsBlock, Button, ContextBlock, InputBlock, KnownBlock, MrkdwnElement, PlainTextElement, PlainTextOption, SectionBlock } from '@slack/types';

/**
 * Block Kit's limits (https://api.slack.com/reference/block-kit), enforced by construction: every
 * builder goes through these helpers, so no input (a 5,000-character KPI name, 300 groups) can
 * make Slack reject a message with `invalid_blocks`.
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  contextElements: 10,
  fieldText: 2000,
  fields: 10,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  headerText: 150,
  viewTitle: 24,
  privateMetadata: 3000,
  messageText: 40_000,
  actionsElements: 25,
  overflowOptions: 5,
} as const;

/** Cuts `text` to `max` characters, ending with an ellipsis when it had to cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max) || ' ', emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, max) || ' ' };
}

export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...extra };
}

/** Lines packed into as few sections as Slack's 3,000-character limit allows, never cutting a line in two. */
export function sectionsOf(lines: readonly string[], max: number = LIMITS.sectionText): SectionBlock[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= max) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return chunks.map((chunk) => section(chunk));
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.fieldText)) };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string | undefined, elements: ActionsBlock['elements']): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, LIMITS.actionsElements) };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value: value.slice(0, LIMITS.optionValue) };
}

/**
 * Keeps `blocks` within `max`, replacing what does not fit with one context line
 * ("…and 12 more. Narrow your search: /kpi revenue emea").
 */
export function fitBlocks(blocks: KnownBlock[], max: number, moreText: (hidden: number) => string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(moreText(blocks.length - kept.length))];
}

/**
 * The characters of text a block carries (section text and fields, context elements, headers,
 * button labels): what Slack's `msg_blocks_too_long` counts against a message, roughly.
 */
export function blockTextLength(block: KnownBlock): number {
  return textLength(block);
}

function textLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + textLength(item), 0);
  if (typeof node !== 'object' || node === null) return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(node)) sum += key === 'text' && typeof value === 'string' ? value.length : textLength(value);
  return sum;
}

/** An input block of a modal: its block id (what `response_action: errors` names), label, element, and an optional hint. */
export function inputBlock(blockId: string, label: string, element: InputBlock['element'], extra: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plain(clip(extra.hint, 2000)) } : {}),
  };
}
