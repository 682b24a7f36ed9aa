import { ActionIds, BlockIds } from '../ids.js';

/**
 * What the log modal carries through Slack — private_metadata and view.state — read back into
 * plain fields for the handlers that fill and submit it.
 */

/** What the log modal carries through Slack in private_metadata. */
export interface LogModalMetadata {
  channelId?: string;
}

/** The state of the log modal as Slack sends it (view.state.values), read into plain fields. */
export interface LogModalState {
  kpiId: string | undefined;
  valueText: string | undefined;
  period: string | undefined;
}

export type StateValues = Record<string, Record<string, { selected_option?: { value?: string } | null; value?: string | null }>>;

export function readLogModalState(values: StateValues): LogModalState {
  return {
    kpiId: values[BlockIds.kpiPicker]?.[ActionIds.kpiPicker]?.selected_option?.value ?? undefined,
    valueText: values[BlockIds.value]?.[ActionIds.valueInput]?.value ?? undefined,
    period: values[BlockIds.period]?.[ActionIds.periodSelect]?.selected_option?.value ?? undefined,
  };
}

export function parseMetadata(text: string | undefined): LogModalMetadata {
  try {
    const parsed = JSON.parse(text ?? '{}') as LogModalMetadata;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
