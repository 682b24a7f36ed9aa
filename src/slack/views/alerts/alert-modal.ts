/**
 * The alert form (`/kpi alert`, `/kpi alert me`, *Edit* in `/kpi alert list`): the KPI (typeahead)
 * or a whole group, the time zone whose weeks count, and one condition with its amount. Pure.
 */
import type { ModalView } from '@slack/types';
import { AlertIds, AlertInputIds } from '../../ids.js';
import { context, inputBlock, LIMITS, option, plain } from '../blocks.js';
import { zoneOption } from '../digests/digest-modal.js';

/** The condition choices of the form, as the select carries them. */
export const CONDITION_CHOICES = {
  above: 'Value goes above…',
  below: 'Value goes below…',
  changed_percent_either: 'Changes by more than N % either way',
  changed_percent_bad: 'Changes by more than N % the wrong way',
  changed_units_either: 'Changes by more than N units either way',
  changed_units_bad: 'Changes by more than N units the wrong way',
  wrong_way: 'Goes the wrong way N weeks in a row',
} as const;

export type ConditionChoice = keyof typeof CONDITION_CHOICES;

/** What the form carries in private_metadata: where the alert posts, and the rule being edited. */
export interface AlertModalMetadata {
  /** The channel, or the creator's user id for a personal alert. */
  channelId: string;
  personal: boolean;
  ruleId?: string;
}

export interface AlertModalModel extends AlertModalMetadata {
  /** Where it posts, as people read it: `#kpis`, or "you, by direct message". */
  destination: string;
  kpi?: { id: string; name: string };
  group?: { id: string; name: string };
  zone: string;
  condition?: ConditionChoice;
  /** The amount as the form shows it: `1200`, `10`, `3`. */
  amount?: string;
}

export function alertModal(model: AlertModalModel): ModalView {
  const ids = AlertInputIds;
  const conditionOptions = (Object.keys(CONDITION_CHOICES) as ConditionChoice[]).map((k) => option(CONDITION_CHOICES[k], k));
  const initialCondition = conditionOptions.find((o) => o.value === model.condition);
  const metadata: AlertModalMetadata = { channelId: model.channelId, personal: model.personal, ...(model.ruleId ? { ruleId: model.ruleId } : {}) };
  const title = model.ruleId ? 'Edit alert' : model.personal ? 'Personal KPI alert' : 'KPI alert';
  return {
    type: 'modal',
    callback_id: AlertIds.modal,
    title: plain(title, LIMITS.viewTitle),
    submit: plain(model.ruleId ? 'Save' : 'Create alert', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      context(`Posts to ${model.destination} when the condition becomes true for a week.`),
      inputBlock(
        ids.kpi.block,
        'KPI',
        {
          type: 'external_select',
          action_id: ids.kpi.action,
          min_query_length: 1,
          placeholder: plain('Type a few letters of a KPI name'),
          ...(model.kpi ? { initial_option: option(model.kpi.name, model.kpi.id) } : {}),
        },
        { optional: true },
      ),
      inputBlock(
        ids.group.block,
        'Or every KPI of a group',
        {
          type: 'external_select',
          action_id: ids.group.action,
          min_query_length: 0,
          placeholder: plain('Type a few letters of a group name'),
          ...(model.group ? { initial_option: option(model.group.name, model.group.id) } : {}),
        },
        { optional: true, hint: 'Choose a KPI or a group, not both.' },
      ),
      inputBlock(
        ids.zone.block,
        'Time zone of the weeks',
        { type: 'external_select', action_id: ids.zone.action, min_query_length: 2, placeholder: plain('Type a city, e.g. Berlin'), initial_option: zoneOption(model.zone) },
      ),
      inputBlock(ids.condition.block, 'Condition', {
        type: 'static_select',
        action_id: ids.condition.action,
        options: conditionOptions,
        ...(initialCondition ? { initial_option: initialCondition } : {}),
      }),
      inputBlock(
        ids.amount.block,
        'Amount',
        { type: 'plain_text_input', action_id: ids.amount.action, placeholder: plain('e.g. $1.2k, 12%, 10 or 3'), ...(model.amount !== undefined ? { initial_value: model.amount } : {}) },
        { hint: 'Above/below: a value in the KPI’s own units ($1.2k, 12%). Changes: the N of percent or units. Wrong way: the number of weeks.' },
      ),
    ],
  };
}
