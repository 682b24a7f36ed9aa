import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { KpiFormatting } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import { ActionIds, BlockIds, CallbackIds } from '../ids.js';
import { clip, context, escapeMrkdwn, LIMITS, option, plain, section } from './blocks.js';
import type { PeriodChoice } from './week-choices.js';


export interface LogModalModel {
  periods: readonly PeriodChoice[];
  initialPeriod: string;
  /** The KPI to preselect (a *Log value* button, or a unique quick-form match); `label` from `kpiOptionText`. */
  selectedKpi?: KpiChoice;
  /** When a quick `/kpi log` name was ambiguous: pick among these instead of typing. */
  candidates?: readonly KpiChoice[];
  /** A value to prefill (what the user typed in the quick form). */
  initialValue?: number;
  /** `Current value: $1,234 in 2026-W47` once a KPI is picked. */
  currentValue?: string;
  /** Opaque state carried through Slack (channel, source); at most 3,000 characters. */
  privateMetadata: string;
}

/** The picked KPI's latest value, as the handler found it. */
export type CurrentValue = { kind: 'latest'; value: number; period: string } | { kind: 'none' } | { kind: 'unreadable' };

/** `Current value: $1,234 in 2026-W47` — or why there is none. */
export function currentValueText(current: CurrentValue, formatting: KpiFormatting | undefined, locale: string): string {
  switch (current.kind) {
    case 'latest':
      return `Current value: ${formatKpiValue(current.value, formatting, locale)} in ${current.period}`;
    case 'none':
      return 'No value recorded in the last 8 weeks.';
    case 'unreadable':
      return 'The current value could not be read from Gtmhub right now.';
  }
}

/** A KPI as the picker shows it. */
export interface KpiChoice {
  id: string;
  label: string;
}

const TITLE = 'Log a KPI value';

/**
 * `Revenue — Sales`: the first group tells apart KPIs of the same name, in the typeahead and in
 * the candidates select alike; cut to Slack's 75 characters per option.
 */
export function kpiOptionText(kpi: { name: string; groups: readonly string[] }, groupNames: ReadonlyMap<string, string>): string {
  const group = kpi.groups[0] === undefined ? undefined : groupNames.get(kpi.groups[0]);
  return clip(group ? `${kpi.name} — ${group}` : kpi.name, LIMITS.optionText);
}

function kpiOption(kpi: KpiChoice): PlainTextOption {
  return option(kpi.label, kpi.id);
}

/**
 * A number as number_input's `initial_value` wants it: plain digits, never `1e-7` or `1e+21`
 * (String() gives those, and Slack refuses the whole view over it).
 */
export function numberInputText(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** The form: KPI picker (typeahead), value, period, and the picked KPI's current value. */
export function logValueModal(model: LogModalModel): ModalView {
  const candidates = model.candidates?.slice(0, LIMITS.options);
  const picker: InputBlock = {
    type: 'input',
    block_id: BlockIds.kpiPicker,
    // dispatch_action: picking a KPI sends a block_action, so the modal can show its current value.
    dispatch_action: true,
    label: plain('KPI'),
    element:
      candidates && candidates.length > 0
        ? {
            type: 'static_select',
            action_id: ActionIds.kpiPicker,
            placeholder: plain('Choose one of the matching KPIs'),
            options: candidates.map(kpiOption),
            ...(model.selectedKpi ? { initial_option: kpiOption(model.selectedKpi) } : {}),
          }
        : {
            type: 'external_select',
            action_id: ActionIds.kpiPicker,
            placeholder: plain('Type a few letters of the KPI name'),
            min_query_length: 1,
            ...(model.selectedKpi ? { initial_option: kpiOption(model.selectedKpi) } : {}),
          },
  };
  const periodOptions = model.periods.slice(0, LIMITS.options).map((p) => option(p.text, p.label));
  const initialPeriod = periodOptions.find((o) => o.value === model.initialPeriod) ?? periodOptions[0];
  const blocks: KnownBlock[] = [picker];
  if (model.currentValue) blocks.push({ ...context(escapeMrkdwn(model.currentValue)), block_id: BlockIds.currentValue });
  blocks.push(
    {
      type: 'input',
      block_id: BlockIds.value,
      label: plain('Value'),
      element: {
        type: 'number_input',
        action_id: ActionIds.valueInput,
        is_decimal_allowed: true,
        ...(model.initialValue !== undefined ? { initial_value: numberInputText(model.initialValue) } : {}),
        placeholder: plain('e.g. 1234.5'),
      },
    },
    {
      type: 'input',
      block_id: BlockIds.period,
      label: plain('Week'),
      element: {
        type: 'static_select',
        action_id: ActionIds.periodSelect,
        options: periodOptions,
        ...(initialPeriod ? { initial_option: initialPeriod } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: CallbackIds.logValueModal,
    title: plain(TITLE, LIMITS.viewTitle),
    submit: plain('Record', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: model.privateMetadata.slice(0, LIMITS.privateMetadata),
    blocks,
  };
}

/** Opened at once (Slack's trigger_id lives 3 s), then replaced when the form's data is ready. */
export function loadingModal(title: string = TITLE, what = 'Loading KPIs…'): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackIds.logValueResultModal,
    title: plain(title, LIMITS.viewTitle),
    close: plain('Close', LIMITS.viewTitle),
    blocks: [section(`:hourglass_flowing_sand: ${what}`)],
  };
}

/** What the modal shows between a submission and Gtmhub's answer; what the user typed is escaped. */
export function recordingModal(log: { rawInput: string; kpi: { name: string }; period: string }): ModalView {
  return loadingModal(undefined, `Recording ${escapeMrkdwn(log.rawInput)} for ${escapeMrkdwn(log.kpi.name)} (${log.period})…`);
}

/**
 * A read-only modal with one sentence (and optional extra blocks), e.g. the outcome of a recording.
 * A plain sentence is escaped here; `{ mrkdwn }` is text already escaped and formatted (bold
 * names), which must not be escaped twice (`R&D` would show as `R&amp;D`).
 */
export function resultModal(content: string | { mrkdwn: string }, extra: KnownBlock[] = [], title: string = TITLE): ModalView {
  const text = typeof content === 'string' ? escapeMrkdwn(clip(content, LIMITS.sectionText)) : content.mrkdwn;
  return {
    type: 'modal',
    callback_id: CallbackIds.logValueResultModal,
    title: plain(title, LIMITS.viewTitle),
    close: plain('Done', LIMITS.viewTitle),
    blocks: [section(text), ...extra].slice(0, LIMITS.viewBlocks),
  };
}
