/**
 * Reading and checking what the alert form sent: Slack's `view.state.values` in, a rule's target,
 * zone and condition — or one sentence next to each field that is wrong — out. Amounts are read
 * as people type KPI values (`$1.2k`, `12%`, `1,234.5`: `parseKpiValue`). Pure.
 */
import type { AlertCondition, AlertTarget } from '../../../alerts/types.js';
import { parseKpiValue } from '../../../kpis/parse-value.js';
import { isValidZone } from '../../../time/zones.js';
import { AlertInputIds } from '../../ids.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';
import { CONDITION_CHOICES, type ConditionChoice } from '../../views/alerts/alert-modal.js';

export interface AlertFormState {
  kpiId: string | undefined;
  groupId: string | undefined;
  zone: string | undefined;
  condition: string | undefined;
  amount: string | undefined;
}

export interface AlertFields {
  target: AlertTarget;
  zone: string;
  condition: AlertCondition;
}

export type AlertFormResult = { ok: true; fields: AlertFields } | { ok: false; errors: Record<string, string> };

/** Longer streaks than a year are not a signal anyone waits for. */
const MAX_WEEKS = 52;

export function readAlertForm(state: ViewState): AlertFormState {
  const ids = AlertInputIds;
  return {
    kpiId: inputOf(state, ids.kpi)?.selectedOption,
    groupId: inputOf(state, ids.group)?.selectedOption,
    zone: inputOf(state, ids.zone)?.selectedOption,
    condition: inputOf(state, ids.condition)?.selectedOption,
    amount: inputOf(state, ids.amount)?.value?.trim(),
  };
}

/** Every problem at once, each next to its field (Slack's `response_action: errors`). */
export function validateAlertForm(state: AlertFormState): AlertFormResult {
  const ids = AlertInputIds;
  const errors: Record<string, string> = {};
  let target: AlertTarget | undefined;
  if (state.kpiId && state.groupId) errors[ids.group.block] = 'Choose a KPI or a group, not both: clear one of them.';
  else if (state.kpiId) target = { kind: 'kpi', kpiId: state.kpiId };
  else if (state.groupId) target = { kind: 'group', groupId: state.groupId };
  else errors[ids.kpi.block] = 'Choose the KPI to watch, or a group below to watch all its KPIs.';
  // Only IANA names: a fixed offset like UTC+2 would not follow daylight saving time.
  if (!state.zone || !isValidZone(state.zone)) errors[ids.zone.block] = 'Choose a time zone from the list, e.g. Europe/Berlin.';
  let condition: AlertCondition | undefined;
  if (!isConditionChoice(state.condition)) {
    errors[ids.condition.block] = 'Choose when the alert fires.';
  } else {
    const read = conditionOf(state.condition, state.amount ?? '');
    if (read.ok) condition = read.condition;
    else errors[ids.amount.block] = read.reason;
  }
  if (!target || !condition || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields: { target, zone: state.zone!, condition } };
}

/** The condition a choice and its amount stand for, or the sentence that says what to type. */
export function conditionOf(choice: ConditionChoice, amount: string): { ok: true; condition: AlertCondition } | { ok: false; reason: string } {
  switch (choice) {
    case 'above':
    case 'below': {
      const value = parseKpiValue(amount);
      if (!value.ok) return { ok: false, reason: value.reason };
      return { ok: true, condition: { kind: choice, threshold: value.value } };
    }
    case 'changed_percent_either':
    case 'changed_percent_bad':
    case 'changed_units_either':
    case 'changed_units_bad': {
      const unit = choice.startsWith('changed_percent') ? 'percent' : 'units';
      // `10%` and `10` both mean ten percent here; the N is a size, never negative.
      const value = parseKpiValue(unit === 'percent' ? amount.replace(/%\s*$/, '') : amount);
      if (!value.ok) return { ok: false, reason: value.reason };
      if (!(value.value > 0)) return { ok: false, reason: `Type how big a change counts, a number above 0 (e.g. ${unit === 'percent' ? '10 for 10 %' : '500'}).` };
      return { ok: true, condition: { kind: 'changed', by: value.value, unit, direction: choice.endsWith('_bad') ? 'bad' : 'either' } };
    }
    case 'wrong_way': {
      const weeks = Number(amount);
      if (!/^\d+$/.test(amount) || weeks < 1 || weeks > MAX_WEEKS) return { ok: false, reason: `Type how many weeks in a row, a whole number from 1 to ${MAX_WEEKS} (e.g. 3).` };
      return { ok: true, condition: { kind: 'wrong_way', periods: weeks } };
    }
  }
}

/** The form's choice and amount for a stored condition (Edit). */
export function choiceOf(condition: AlertCondition): { condition: ConditionChoice; amount: string } {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return { condition: condition.kind, amount: String(condition.threshold) };
    case 'changed':
      return { condition: `changed_${condition.unit}_${condition.direction}`, amount: String(condition.by) };
    case 'wrong_way':
      return { condition: 'wrong_way', amount: String(condition.periods) };
  }
}

function isConditionChoice(value: string | undefined): value is ConditionChoice {
  return value !== undefined && Object.hasOwn(CONDITION_CHOICES, value);
}
