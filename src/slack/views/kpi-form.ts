import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { GroupRef } from '../../favorites/resolve-group.js';
import { FRACTION_SIZE_MAX, FRACTION_SIZE_MIN, KPI_AGGREGATIONS, TARGET_OPERATORS } from '../../gtmhub/assumptions.js';
import { AFFIX_MAX_CHARS, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS, type KpiFormErrors, type KpiFormInput, type KpiFormValues } from '../../kpis/kpi-form.js';
import { KpiAdminIds, KpiFormInputIds } from '../ids.js';
import { inputOf, type InputState, type ViewState } from '../payloads/view-state.js';
import { clip, context, escapeMrkdwn, LIMITS, option, plain, section } from './blocks.js';

export interface KpiFormModel {
  mode: 'create' | 'edit';
  /** What the inputs show: empty for a new KPI, the KPI's fields for an edit, the submission after a refusal. */
  values: KpiFormValues;
  /**
   * The catalogue's group names: they label the chosen groups (the others come from the typeahead,
   * `KpiFormInputIds.groupIds`); none, and none chosen → no groups input.
   */
  groupNames: ReadonlyMap<string, string>;
  /**
   * Whether to offer the Slack people picker for owners: only when the owner mapping knows at least
   * one Slack user, since anyone picked without a mapping could only be refused.
   */
  ownerPicker: boolean;
  /** Why Gtmhub refused the last submission, shown on top so the user can fix it and submit again. */
  error?: string;
  /** Opaque state carried through Slack; at most 3,000 characters. */
  privateMetadata: string;
}

const AGGREGATION_LABELS: Record<string, string> = {
  last: 'Last value of the period',
  sum: 'Sum over the period',
  average: 'Average over the period',
};
const TARGET_LABELS: Record<string, string> = {
  should_increase: 'Should increase ▲',
  should_decrease: 'Should decrease ▼',
};

/** The create/edit form: one input per field Gtmhub takes, each with its block id from `KpiFormInputIds`. */
export function kpiFormModal(model: KpiFormModel): ModalView {
  const { values } = model;
  const blocks: KnownBlock[] = [];
  if (model.error) blocks.push({ ...section(`:warning: ${escapeMrkdwn(model.error)}`), block_id: KpiAdminIds.errorBlock });
  blocks.push(
    textInput('name', 'Name', values.name, { max: NAME_MAX_CHARS, placeholder: 'e.g. Monthly recurring revenue' }),
    textInput('description', 'Description', values.description, { max: DESCRIPTION_MAX_CHARS, multiline: true, optional: true }),
    choiceInput('aggregation', 'Aggregation', KPI_AGGREGATIONS, AGGREGATION_LABELS, values.aggregation),
    choiceInput('targetOperator', 'Target', TARGET_OPERATORS, TARGET_LABELS, values.targetOperator),
    textInput('prefix', 'Prefix', values.prefix, { max: AFFIX_MAX_CHARS, optional: true, placeholder: 'e.g. $' }),
    textInput('suffix', 'Suffix', values.suffix, { max: AFFIX_MAX_CHARS, optional: true, placeholder: 'e.g. %' }),
    {
      type: 'input',
      block_id: KpiFormInputIds.fractionSize.block,
      label: plain('Decimals shown'),
      element: {
        type: 'number_input',
        action_id: KpiFormInputIds.fractionSize.action,
        is_decimal_allowed: false,
        min_value: String(FRACTION_SIZE_MIN),
        max_value: String(FRACTION_SIZE_MAX),
        ...(values.fractionSize !== '' ? { initial_value: values.fractionSize } : {}),
      },
    },
  );
  const groups = groupsInput(model);
  if (groups) blocks.push(groups);
  if (model.ownerPicker) {
    blocks.push({
      type: 'input',
      block_id: KpiFormInputIds.ownerSlackUserIds.block,
      optional: true,
      label: plain('Owners'),
      hint: plain('People whose Gtmhub user kpibot knows; for anyone else, type their Gtmhub user id below.'),
      element: {
        type: 'multi_users_select',
        action_id: KpiFormInputIds.ownerSlackUserIds.action,
        ...(values.ownerSlackUserIds.length > 0 ? { initial_users: values.ownerSlackUserIds } : {}),
      },
    });
  }
  blocks.push({
    ...textInput('ownerIdsText', model.ownerPicker ? 'Owners by Gtmhub user id' : 'Owners (Gtmhub user ids)', values.ownerIdsText, {
      max: 2000,
      optional: true,
      placeholder: 'e.g. 5e8ed44adcddda0da9eab365, 60b0d2c59bd8a6aff9b639ee',
    }),
    hint: plain(ownersHint(model)),
  });
  if (model.mode === 'edit') blocks.push(context('Only the fields you change are sent to Gtmhub.'));
  return {
    type: 'modal',
    callback_id: KpiAdminIds.formModal,
    title: plain(model.mode === 'create' ? 'New KPI' : 'Edit KPI', LIMITS.viewTitle),
    submit: plain(model.mode === 'create' ? 'Create' : 'Save', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: model.privateMetadata.slice(0, LIMITS.privateMetadata),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

/** Owners are Gtmhub users, which Slack cannot pick without a mapping: the hint says what to type. */
function ownersHint(model: KpiFormModel): string {
  const what = model.ownerPicker ? 'Comma separated.' : 'Owners are Gtmhub users: type their Gtmhub user ids (from their Gtmhub profile), comma separated.';
  return model.mode === 'create' ? `${what} With no owner at all, Gtmhub makes the API token’s user the owner.` : `${what} A KPI keeps at least one owner.`;
}

/** `response_action: errors` names blocks, not fields. */
export function kpiFormErrors(errors: KpiFormErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [input, sentence] of Object.entries(errors) as Array<[KpiFormInput, string | undefined]>) {
    if (sentence) out[KpiFormInputIds[input].block] = sentence;
  }
  return out;
}

/** The submitted form (parsed view.state) as plain fields; an input missing from the state reads as empty. */
export function readKpiFormValues(state: ViewState): KpiFormValues {
  const at = (input: KpiFormInput): InputState | undefined => inputOf(state, KpiFormInputIds[input]);
  const text = (input: KpiFormInput): string => at(input)?.value ?? '';
  const groups = at('groupIds');
  return {
    name: text('name'),
    description: text('description'),
    aggregation: at('aggregation')?.selectedOption ?? '',
    targetOperator: at('targetOperator')?.selectedOption ?? '',
    prefix: text('prefix'),
    suffix: text('suffix'),
    fractionSize: text('fractionSize'),
    // No groups input (Gtmhub gave no group names) means "leave the groups alone".
    groupIds: groups === undefined ? undefined : groups.selectedOptions,
    ownerSlackUserIds: at('ownerSlackUserIds')?.selectedUsers ?? [],
    ownerIdsText: text('ownerIdsText'),
  };
}

function textInput(
  input: KpiFormInput,
  label: string,
  value: string,
  options: { max: number; multiline?: boolean; optional?: boolean; placeholder?: string },
): InputBlock {
  return {
    type: 'input',
    block_id: KpiFormInputIds[input].block,
    label: plain(label),
    ...(options.optional ? { optional: true } : {}),
    element: {
      type: 'plain_text_input',
      action_id: KpiFormInputIds[input].action,
      max_length: options.max,
      ...(options.multiline ? { multiline: true } : {}),
      ...(value !== '' ? { initial_value: clip(value, options.max) } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    },
  };
}

/** A static select of the values we send; a value Gtmhub has that we do not know is offered too, so an edit shows it. */
function choiceInput(input: 'aggregation' | 'targetOperator', label: string, known: readonly string[], labels: Record<string, string>, value: string): InputBlock {
  const values = value !== '' && !known.includes(value) ? [...known, value] : known;
  const options = values.map((v) => option(labels[v] ?? v, v));
  const initial = options.find((o) => o.value === value);
  return {
    type: 'input',
    block_id: KpiFormInputIds[input].block,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: KpiFormInputIds[input].action,
      placeholder: plain(`Choose the ${label.toLowerCase()}`, 150),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/** A group as the typeahead offers it: its name (cut to Slack's 75 characters), its id as the value. */
export function groupOption(group: GroupRef): PlainTextOption {
  return option(group.name, group.id);
}

/**
 * The groups picker: a typeahead over every group name (a static select holds only 100 options, so
 * groups past the first 100 could be neither chosen nor kept), with the KPI's groups chosen. A
 * chosen group without a name (not in the catalogue) shows under its id.
 */
function groupsInput(model: KpiFormModel): InputBlock | undefined {
  const chosen = [...new Set(model.values.groupIds ?? [])];
  if (model.values.groupIds === undefined || (model.groupNames.size === 0 && chosen.length === 0)) return undefined;
  const initial = chosen.map((id) => groupOption({ id, name: model.groupNames.get(id) ?? id }));
  return {
    type: 'input',
    block_id: KpiFormInputIds.groupIds.block,
    optional: true,
    label: plain('Groups'),
    element: {
      type: 'multi_external_select',
      action_id: KpiFormInputIds.groupIds.action,
      placeholder: plain('Type to find groups', 150),
      // 0: the list opens with the first groups by name before anything is typed.
      min_query_length: 0,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
}
