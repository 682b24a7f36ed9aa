/**
 * Block Kit limits, checked the way Slack checks them, so that an end-to-end test fails where Slack
 * would refuse a message or a view in production. Each problem carries Slack's JSON pointer, and
 * the wording follows the `[ERROR] … [json-pointer:…]` lines Slack puts in `response_metadata.messages`.
 * https://docs.slack.dev/reference/block-kit/blocks  https://docs.slack.dev/reference/views
 */

export interface BlockKitProblem {
  pointer: string;
  message: string;
}

/** A message may carry 50 blocks; a modal or Home tab 100. */
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

const LIMITS = {
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  overflowOptions: 5,
  radioOptions: 10,
  checkboxOptions: 10,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: BlockKitProblem[] = [];

  fail(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max) this.fail(pointer, `must be less than ${max + 1} characters`);
  }

  maxItems(value: unknown, max: number, pointer: string): void {
    if (Array.isArray(value) && value.length > max) this.fail(pointer, `must provide at most ${max} items`);
  }

  /** A text object: present text, not empty (Slack rejects ""), not longer than `max`. */
  text(value: unknown, max: number, pointer: string, { plainOnly = false } = {}): void {
    if (!isObject(value)) {
      this.fail(pointer, 'must be a text object');
      return;
    }
    if (plainOnly && value.type !== 'plain_text') this.fail(`${pointer}/type`, 'must be plain_text');
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.fail(`${pointer}/text`, 'must be more than 0 characters');
      return;
    }
    this.maxLength(value.text, max, `${pointer}/text`);
  }

  blocks(blocks: unknown, max: number, pointer: string): void {
    if (!Array.isArray(blocks)) {
      this.fail(pointer, 'must be an array');
      return;
    }
    if (blocks.length > max) this.fail(pointer, `no more than ${max} items allowed`);
    blocks.forEach((block, i) => this.block(block, `${pointer}/${i}`));
  }

  block(block: unknown, pointer: string): void {
    if (!isObject(block) || typeof block.type !== 'string') {
      this.fail(pointer, 'must be a block object with a type');
      return;
    }
    this.maxLength(block.block_id, LIMITS.blockId, `${pointer}/block_id`);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.fail(pointer, 'must provide text or fields');
        if (block.text !== undefined) this.text(block.text, LIMITS.sectionText, `${pointer}/text`);
        if (Array.isArray(block.fields)) {
          this.maxItems(block.fields, LIMITS.sectionFields, `${pointer}/fields`);
          block.fields.forEach((f, i) => this.text(f, LIMITS.sectionFieldText, `${pointer}/fields/${i}`));
        }
        if (block.accessory !== undefined) this.element(block.accessory, `${pointer}/accessory`);
        break;
      case 'header':
        this.text(block.text, LIMITS.headerText, `${pointer}/text`, { plainOnly: true });
        break;
      case 'context':
        this.maxItems(block.elements, LIMITS.contextElements, `${pointer}/elements`);
        break;
      case 'actions':
        this.maxItems(block.elements, LIMITS.actionsElements, `${pointer}/elements`);
        if (Array.isArray(block.elements)) block.elements.forEach((e, i) => this.element(e, `${pointer}/elements/${i}`));
        break;
      case 'input':
        this.text(block.label, LIMITS.inputLabel, `${pointer}/label`, { plainOnly: true });
        if (block.hint !== undefined) this.text(block.hint, LIMITS.inputHint, `${pointer}/hint`, { plainOnly: true });
        this.element(block.element, `${pointer}/element`);
        break;
      default:
        // divider, image, rich_text, video, file…: no limit kpibot could plausibly hit.
        break;
    }
  }

  element(element: unknown, pointer: string): void {
    if (!isObject(element) || typeof element.type !== 'string') {
      this.fail(pointer, 'must be an element object with a type');
      return;
    }
    this.maxLength(element.action_id, LIMITS.actionId, `${pointer}/action_id`);
    if (element.placeholder !== undefined) this.text(element.placeholder, LIMITS.placeholder, `${pointer}/placeholder`);
    switch (element.type) {
      case 'button':
        this.text(element.text, LIMITS.buttonText, `${pointer}/text`, { plainOnly: true });
        this.maxLength(element.value, LIMITS.buttonValue, `${pointer}/value`);
        this.maxLength(element.url, LIMITS.url, `${pointer}/url`);
        break;
      case 'static_select':
      case 'multi_static_select':
        this.options(element, LIMITS.selectOptions, pointer);
        break;
      case 'overflow':
        this.options(element, LIMITS.overflowOptions, pointer);
        break;
      case 'radio_buttons':
        this.options(element, LIMITS.radioOptions, pointer);
        break;
      case 'checkboxes':
        this.options(element, LIMITS.checkboxOptions, pointer);
        break;
      default:
        break;
    }
  }

  options(element: Json, max: number, pointer: string): void {
    if (Array.isArray(element.options)) {
      this.maxItems(element.options, max, `${pointer}/options`);
      element.options.forEach((o, i) => this.option(o, `${pointer}/options/${i}`));
    }
    if (Array.isArray(element.option_groups)) {
      this.maxItems(element.option_groups, max, `${pointer}/option_groups`);
      element.option_groups.forEach((group, g) => {
        if (isObject(group) && Array.isArray(group.options)) {
          this.maxItems(group.options, max, `${pointer}/option_groups/${g}/options`);
          group.options.forEach((o, i) => this.option(o, `${pointer}/option_groups/${g}/options/${i}`));
        }
      });
    }
    if (isObject(element.initial_option)) this.option(element.initial_option, `${pointer}/initial_option`);
  }

  option(option: unknown, pointer: string): void {
    if (!isObject(option)) {
      this.fail(pointer, 'must be an option object');
      return;
    }
    this.text(option.text, LIMITS.optionText, `${pointer}/text`);
    this.maxLength(option.value, LIMITS.optionValue, `${pointer}/value`);
    if (option.description !== undefined) this.text(option.description, LIMITS.optionDescription, `${pointer}/description`);
  }
}

/** Problems with a message's `blocks` (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export function checkMessageBlocks(blocks: unknown): BlockKitProblem[] {
  const checker = new Checker();
  checker.blocks(blocks, MAX_MESSAGE_BLOCKS, '/blocks');
  return checker.problems;
}

/** Problems with a view (views.open, views.update, views.push, views.publish). */
export function checkView(view: unknown): BlockKitProblem[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.fail('/view', 'must be a view object');
    return checker.problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') checker.fail('/view/type', 'must be one of modal, home');
  if (view.type === 'modal') {
    checker.text(view.title, LIMITS.viewTitle, '/view/title', { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    // Slack refuses a modal with input blocks and no submit button: nothing could send the input.
    if (hasInput && view.submit === undefined) checker.fail('/view', 'must provide a submit property when using input blocks');
  }
  if (view.submit !== undefined && view.submit !== null) checker.text(view.submit, LIMITS.viewSubmit, '/view/submit', { plainOnly: true });
  if (view.close !== undefined && view.close !== null) checker.text(view.close, LIMITS.viewClose, '/view/close', { plainOnly: true });
  checker.maxLength(view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  checker.maxLength(view.callback_id, LIMITS.callbackId, '/view/callback_id');
  checker.maxLength(view.external_id, LIMITS.externalId, '/view/external_id');
  checker.blocks(view.blocks, MAX_VIEW_BLOCKS, '/view/blocks');
  return checker.problems;
}

/** Slack's `response_metadata.messages` lines for a list of problems. */
export function problemMessages(problems: BlockKitProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.pointer}]`);
}
