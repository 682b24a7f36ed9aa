/**
 * Reading and checking what the digest modal sent: Slack's `view.state.values` in, a subscription's
 * fields or the errors to show next to each field out. Pure.
 */
import type { DigestSelection, DigestSubscription } from '../../../digests/types.js';
import type { NewDigestSubscription } from '../../../store/digest-subscriptions-repository.js';
import { isValidZone } from '../../../time/zones.js';
import { DigestInputIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { inputOf, type InputIds, type InputState, type ViewState } from '../../payloads/view-state.js';

export interface DigestFormState {
  channelId: string | undefined;
  include: string | undefined;
  kpiIds: string[];
  groupIds: string[];
  weekday: string | undefined;
  time: string | undefined;
  zone: string | undefined;
  options: string[];
}

export type DigestFields = Omit<NewDigestSubscription, 'teamId' | 'ownerUserId'>;
export type DigestFormResult = { ok: true; fields: DigestFields } | { ok: false; errors: Record<string, string> };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function readDigestForm(state: ViewState): DigestFormState {
  const ids = DigestInputIds;
  const el = (input: InputIds): InputState | undefined => inputOf(state, input);
  return {
    channelId: el(ids.channel)?.selectedConversation,
    include: el(ids.include)?.selectedOption,
    kpiIds: el(ids.kpis)?.selectedOptions ?? [],
    groupIds: el(ids.groups)?.selectedOptions ?? [],
    weekday: el(ids.weekday)?.selectedOption,
    time: el(ids.time)?.selectedTime,
    zone: el(ids.zone)?.selectedOption,
    options: el(ids.options)?.selectedOptions ?? [],
  };
}

/** Every problem at once, each next to its field (Slack's `response_action: errors`). */
export function validateDigestForm(state: DigestFormState): DigestFormResult {
  const ids = DigestInputIds;
  const errors: Record<string, string> = {};
  if (!state.channelId) errors[ids.channel.block] = 'Choose the channel the digest goes to.';
  const selection = selectionOf(state, errors);
  const weekday = Number(state.weekday);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors[ids.weekday.block] = 'Choose the day of the week.';
  if (!state.time || !TIME.test(state.time)) errors[ids.time.block] = 'Choose the time of day, e.g. 09:00.';
  // Only IANA names: a fixed offset like UTC+2 would not follow daylight saving time.
  if (!state.zone || !isValidZone(state.zone)) errors[ids.zone.block] = 'Choose a time zone from the list, e.g. Europe/Berlin.';
  if (Object.keys(errors).length > 0 || !selection) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      channelId: state.channelId!,
      selection,
      weekday,
      time: state.time!,
      zone: state.zone!,
      skipWhenUnchanged: state.options.includes('skip_when_unchanged'),
      listNotUpdated: state.options.includes('list_not_updated'),
      includeChart: state.options.includes('include_chart'),
    },
  };
}

function selectionOf(state: DigestFormState, errors: Record<string, string>): DigestSelection | undefined {
  switch (state.include) {
    case 'kpis':
      if (state.kpiIds.length > 0) return { kind: 'kpis', kpiIds: state.kpiIds };
      errors[DigestInputIds.kpis.block] = 'Choose at least one KPI, or include whole groups or your favorites instead.';
      return undefined;
    case 'groups':
      if (state.groupIds.length > 0) return { kind: 'groups', groupIds: state.groupIds };
      errors[DigestInputIds.groups.block] = 'Choose at least one KPI group, or include chosen KPIs or your favorites instead.';
      return undefined;
    case 'favorites':
      return { kind: 'favorites' };
    default:
      errors[DigestInputIds.include.block] = 'Choose what the digest includes.';
      return undefined;
  }
}

/**
 * The form shows a subscription's first 100 groups (what a multi-select can preselect); on save,
 * the groups past those stay in the subscription — the user could neither see nor remove them.
 */
export function keepGroupsNotShown(fields: DigestFields, before: Pick<DigestSubscription, 'selection'>): DigestFields {
  if (fields.selection.kind !== 'groups' || before.selection.kind !== 'groups') return fields;
  const notShown = before.selection.groupIds.slice(LIMITS.options);
  if (notShown.length === 0) return fields;
  return { ...fields, selection: { kind: 'groups', groupIds: [...new Set([...fields.selection.groupIds, ...notShown])] } };
}
