/**
 * Reading and checking what the reminder form sent: Slack's `view.state.values` in, a reminder's
 * fields or the one sentence to show next to each wrong field out. Pure.
 */
import type { ReminderChange } from '../../../checkins/reminders.js';
import type { CheckinSelection } from '../../../checkins/types.js';
import { isValidZone } from '../../../time/zones.js';
import { ReminderInputIds } from '../../ids.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';

export interface ReminderFormState {
  include: string | undefined;
  kpiIds: string[];
  groupIds: string[];
  period: string | undefined;
  weekday: string | undefined;
  time: string | undefined;
  zoneMode: string | undefined;
  zone: string | undefined;
}

export type ReminderFormResult = { ok: true; fields: ReminderChange } | { ok: false; errors: Record<string, string> };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function readReminderForm(state: ViewState): ReminderFormState {
  const ids = ReminderInputIds;
  return {
    include: inputOf(state, ids.include)?.selectedOption,
    kpiIds: inputOf(state, ids.kpis)?.selectedOptions ?? [],
    groupIds: inputOf(state, ids.groups)?.selectedOptions ?? [],
    period: inputOf(state, ids.period)?.selectedOption,
    weekday: inputOf(state, ids.weekday)?.selectedOption,
    time: inputOf(state, ids.time)?.selectedTime,
    zoneMode: inputOf(state, ids.zoneMode)?.selectedOption,
    zone: inputOf(state, ids.zone)?.selectedOption,
  };
}

/** Every problem at once, each next to its field (Slack's `response_action: errors`). */
export function validateReminderForm(state: ReminderFormState): ReminderFormResult {
  const ids = ReminderInputIds;
  const errors: Record<string, string> = {};
  const selection = selectionOf(state, errors);
  const period = state.period === 'this_week' || state.period === 'last_week' ? state.period : undefined;
  if (!period) errors[ids.period.block] = 'Choose which week the reminder asks for: this week or last week.';
  const weekday = Number(state.weekday);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors[ids.weekday.block] = 'Choose the day of the week.';
  if (!state.time || !TIME.test(state.time)) errors[ids.time.block] = 'Choose the time of day, e.g. 09:00.';
  let zone: string | null = null;
  if (state.zoneMode === 'fixed') {
    // Only IANA names: a fixed offset like UTC+2 would not follow daylight saving time.
    if (state.zone && isValidZone(state.zone)) zone = state.zone;
    else errors[ids.zone.block] = 'Choose the one time zone from the list, e.g. Europe/Berlin, or remind each owner in their own zone.';
  } else if (state.zoneMode !== 'own') {
    errors[ids.zoneMode.block] = 'Choose whether each owner is reminded in their own time zone or everyone in one.';
  }
  if (Object.keys(errors).length > 0 || !selection || !period) return { ok: false, errors };
  return { ok: true, fields: { selection, period, weekday, time: state.time!, zone } };
}

function selectionOf(state: ReminderFormState, errors: Record<string, string>): CheckinSelection | undefined {
  switch (state.include) {
    case 'kpis':
      if (state.kpiIds.length > 0) return { kind: 'kpis', kpiIds: state.kpiIds };
      errors[ReminderInputIds.kpis.block] = 'Choose at least one KPI, or remind about whole groups or the channel’s digests instead.';
      return undefined;
    case 'groups':
      if (state.groupIds.length > 0) return { kind: 'groups', groupIds: state.groupIds };
      errors[ReminderInputIds.groups.block] = 'Choose at least one KPI group, or remind about chosen KPIs or the channel’s digests instead.';
      return undefined;
    case 'channel_digests':
      return { kind: 'channel_digests' };
    default:
      errors[ReminderInputIds.include.block] = 'Choose which KPIs the reminder is about.';
      return undefined;
  }
}
