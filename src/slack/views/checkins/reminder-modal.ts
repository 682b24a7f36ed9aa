/**
 * The check-in reminder form (`/kpi remind`, *Edit* in `/kpi remind list`): which KPIs, which week,
 * which day and time, and whether each owner is reminded in their own Slack zone or all in one
 * fixed zone. Pure.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { CheckinPeriodChoice } from '../../../checkins/types.js';
import { ReminderIds, ReminderInputIds } from '../../ids.js';
import { context, inputBlock as input, LIMITS, option, plain } from '../blocks.js';
import { groupPicker, kpiPicker } from '../pickers.js';
import { WEEKDAYS, zoneOption } from '../digests/digest-modal.js';

export type ReminderInclude = 'kpis' | 'groups' | 'channel_digests';
export type ZoneMode = 'own' | 'fixed';

export interface ReminderModalModel {
  channelId: string;
  include: ReminderInclude;
  /** Chosen KPIs and groups, named, for the multi-selects' initial options. */
  kpis: ReadonlyArray<{ id: string; name: string }>;
  groups: ReadonlyArray<{ id: string; name: string }>;
  period: CheckinPeriodChoice;
  weekday: number;
  time: string;
  /** The fixed zone, or null: each owner in their own zone. */
  zone: string | null;
  /** The zone the fixed-zone picker starts at when no fixed zone is set (the user's). */
  suggestedZone: string;
  /** Set when editing. */
  reminderId?: string;
}

/** What the form carries through Slack in private_metadata. */
export interface ReminderModalMetadata {
  channelId: string;
  reminderId?: string;
}

const INCLUDE_TEXT: Record<ReminderInclude, string> = {
  kpis: 'Chosen KPIs',
  groups: 'Whole KPI groups',
  channel_digests: 'Every KPI of this channel’s digests',
};
const PERIOD_TEXT: Record<CheckinPeriodChoice, string> = { this_week: 'This week', last_week: 'Last week' };
const ZONE_TEXT: Record<ZoneMode, string> = { own: 'Each owner at this time in their own Slack time zone', fixed: 'Everyone at this time in one time zone' };

export function reminderModal(model: ReminderModalModel): ModalView {
  const ids = ReminderInputIds;
  const radio = <K extends string>(texts: Record<K, string>, initial: K) => {
    const options = (Object.keys(texts) as K[]).map((k) => option(texts[k], k));
    return { options, initial_option: options.find((o) => o.value === initial)! };
  };
  const weekdays = WEEKDAYS.map((day, i) => option(day, String(i + 1)));
  const blocks: KnownBlock[] = [
    input(ids.include.block, 'Remind about', { type: 'radio_buttons', action_id: ids.include.action, ...radio(INCLUDE_TEXT, model.include) }),
    input(ids.kpis.block, 'KPIs', kpiPicker(ids.kpis.action, model.kpis), { optional: true, hint: 'Used when "Chosen KPIs" is selected.' }),
    input(ids.groups.block, 'KPI groups', groupPicker(ids.groups.action, model.groups), { optional: true, hint: 'Used when "Whole KPI groups" is selected.' }),
    input(ids.period.block, 'Ask for', { type: 'radio_buttons', action_id: ids.period.action, ...radio(PERIOD_TEXT, model.period) }),
    input(ids.weekday.block, 'Day', { type: 'static_select', action_id: ids.weekday.action, options: weekdays, initial_option: weekdays[model.weekday - 1] ?? weekdays[0]! }),
    input(ids.time.block, 'Time', { type: 'timepicker', action_id: ids.time.action, initial_time: model.time }),
    input(ids.zoneMode.block, 'Time zone', { type: 'radio_buttons', action_id: ids.zoneMode.action, ...radio(ZONE_TEXT, model.zone === null ? 'own' : 'fixed') }),
    input(
      ids.zone.block,
      'The one time zone',
      { type: 'external_select', action_id: ids.zone.action, min_query_length: 2, placeholder: plain('Type a city, e.g. Berlin'), initial_option: zoneOption(model.zone ?? model.suggestedZone) },
      { optional: true, hint: 'Used when "Everyone at this time in one time zone" is selected.' },
    ),
    context('Each owner gets one DM with the KPIs they own that still have no value for the week, and nothing when all are logged.'),
  ];
  const metadata: ReminderModalMetadata = { channelId: model.channelId, ...(model.reminderId ? { reminderId: model.reminderId } : {}) };
  return {
    type: 'modal',
    callback_id: ReminderIds.modal,
    title: plain(model.reminderId ? 'Edit check-in reminder' : 'Check-in reminder', LIMITS.viewTitle),
    submit: plain(model.reminderId ? 'Save' : 'Set up', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
