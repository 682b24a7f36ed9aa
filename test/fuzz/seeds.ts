/**
 * What kpibot itself puts in front of people — buttons, selects, forms — collected from what it
 * sent to the Slack simulator, so that the fuzzer mutates real payloads rather than made-up ones.
 */
export interface ClickSeed {
  actionId: string;
  blockId: string | undefined;
  type: string;
  value: string | undefined;
  /** Set when the element was in a modal or the Home tab (no response_url then). */
  viewCallbackId: string | undefined;
}

export interface FormSeed {
  callbackId: string;
  privateMetadata: string;
  /** block_id → action_id → element type, of each input. */
  inputs: Array<{ blockId: string; actionId: string; type: string }>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function elementsOf(block: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const accessory = record(block.accessory);
  if (accessory) out.push(accessory);
  const element = record(block.element);
  if (element) out.push(element);
  if (Array.isArray(block.elements)) for (const e of block.elements) if (record(e)) out.push(record(e)!);
  return out;
}

/** Every interactive element in `blocks` (buttons, selects, overflow menus, inputs). */
export function clicksIn(blocks: unknown, viewCallbackId?: string): ClickSeed[] {
  if (!Array.isArray(blocks)) return [];
  const seeds: ClickSeed[] = [];
  for (const raw of blocks) {
    const block = record(raw);
    if (!block) continue;
    for (const element of elementsOf(block)) {
      const actionId = text(element.action_id);
      const type = text(element.type);
      if (actionId === undefined || type === undefined) continue;
      seeds.push({ actionId, blockId: text(block.block_id), type, value: text(element.value), viewCallbackId });
    }
  }
  return seeds;
}

export function formOf(view: unknown): FormSeed | undefined {
  const v = record(view);
  const callbackId = text(v?.callback_id);
  if (!v || callbackId === undefined || !Array.isArray(v.blocks)) return undefined;
  const inputs: FormSeed['inputs'] = [];
  for (const raw of v.blocks) {
    const block = record(raw);
    const element = record(block?.element);
    const blockId = text(block?.block_id);
    const actionId = text(element?.action_id);
    const type = text(element?.type);
    if (block?.type === 'input' && blockId !== undefined && actionId !== undefined && type !== undefined) inputs.push({ blockId, actionId, type });
  }
  return { callbackId, privateMetadata: text(v.private_metadata) ?? '', inputs };
}
