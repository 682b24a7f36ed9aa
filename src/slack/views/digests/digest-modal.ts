import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DigestSelection } from '../../../digests/types.js';
import { DigestIds, DigestInputIds } from '../../ids.js';
import { context, inputBlock as input, LIMITS, option, plain } from '../blocks.js';

export type DigestInclude = DigestSelection['kind'];

/** What the subscribe/edit modal shows; for Edit, filled from the subscription. */
export interface DigestModalModel {
  /** The channel preselected: the one the command was run in, or the subscription's. */
  channelId: string;
  include: DigestInclude;
  /** Chosen KPIs, with names for the multi-select's initial options. */
  kpis: ReadonlyArray<{ id: string; name: string }>;
  /**
   * The subscription's groups in its order, named (by id when Gtmhub gave no name): the group
   * picker's initial options. Other groups are offered by the picker's typeahead.
   */
  groups: ReadonlyArray<{ id: string; name: string }>;
  weekday: number;
  /** `HH:mm` */
  time: string;
  zone: string;
  skipWhenUnchanged: boolean;
  listNotUpdated: boolean;
  includeChart: boolean;
  /** Set when editing: which subscription the submission changes. */
  subscriptionId?: string;
}

/** What the modal carries through Slack in private_metadata. */
export interface DigestModalMetadata {
  subscriptionId?: string;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const INCLUDE_TEXT: Record<DigestInclude, string> = {
  kpis: 'Chosen KPIs',
  groups: 'Whole KPI groups',
  favorites: 'My favorite groups (as they are each week)',
};
const SKIP_UNCHANGED = 'skip_when_unchanged';
const LIST_NOT_UPDATED = 'list_not_updated';
const INCLUDE_CHART = 'include_chart';

/** The subscribe/edit form: channel, what to include, weekday and time, zone, options. */
export function digestModal(model: DigestModalModel): ModalView {
  const includeOptions = (Object.keys(INCLUDE_TEXT) as DigestInclude[]).map((k) => option(INCLUDE_TEXT[k], k));
  const chosenGroups = model.groups.slice(0, LIMITS.options).map((g) => option(g.name, g.id));
  const weekdayOptions = WEEKDAYS.map((day, i) => option(day, String(i + 1)));
  const checkboxes = [
    option('Skip the post when no KPI changed', SKIP_UNCHANGED),
    option('List KPIs that were not updated', LIST_NOT_UPDATED),
    option('Add a chart of the KPIs (in the thread)', INCLUDE_CHART),
  ];
  const isChecked: Record<string, boolean> = { [SKIP_UNCHANGED]: model.skipWhenUnchanged, [LIST_NOT_UPDATED]: model.listNotUpdated, [INCLUDE_CHART]: model.includeChart };
  const checked = checkboxes.filter((o) => o.value !== undefined && isChecked[o.value] === true);
  const ids = DigestInputIds;

  const blocks: KnownBlock[] = [
    input(ids.channel.block, 'Channel', {
      type: 'conversations_select',
      action_id: ids.channel.action,
      // Only channels: a command run in a DM would otherwise preselect the DM, which the filter hides.
      ...(/^[CG]/.test(model.channelId) ? { initial_conversation: model.channelId } : {}),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    }),
    input(ids.include.block, 'Include', {
      type: 'radio_buttons',
      action_id: ids.include.action,
      options: includeOptions,
      initial_option: includeOptions.find((o) => o.value === model.include)!,
    }),
    input(
      ids.kpis.block,
      'KPIs',
      {
        type: 'multi_external_select',
        action_id: ids.kpis.action,
        min_query_length: 1,
        placeholder: plain('Type a few letters of a KPI name'),
        ...(model.kpis.length > 0 ? { initial_options: model.kpis.map((k) => option(k.name, k.id)) } : {}),
      },
      { optional: true, hint: 'Used when "Chosen KPIs" is selected.' },
    ),
    input(
      ids.groups.block,
      'KPI groups',
      {
        // A typeahead, not a static select: a static select holds 100 options, so groups past the
        // first 100 could be neither chosen nor kept.
        type: 'multi_external_select',
        action_id: ids.groups.action,
        min_query_length: 0,
        placeholder: plain('Type a few letters of a group name'),
        ...(chosenGroups.length > 0 ? { initial_options: chosenGroups } : {}),
      },
      { optional: true, hint: groupsHint(model.groups.length) },
    ),
  ];
  blocks.push(
    input(ids.weekday.block, 'Day', {
      type: 'static_select',
      action_id: ids.weekday.action,
      options: weekdayOptions,
      initial_option: weekdayOptions[model.weekday - 1] ?? weekdayOptions[0]!,
    }),
    input(ids.time.block, 'Time', { type: 'timepicker', action_id: ids.time.action, initial_time: model.time }),
    input(ids.zone.block, 'Time zone', {
      type: 'external_select',
      action_id: ids.zone.action,
      min_query_length: 2,
      placeholder: plain('Type a city, e.g. Berlin'),
      initial_option: zoneOption(model.zone),
    }),
    input(
      ids.options.block,
      'Options',
      { type: 'checkboxes', action_id: ids.options.action, options: checkboxes, ...(checked.length > 0 ? { initial_options: checked } : {}) },
      { optional: true },
    ),
    context('The digest covers the last complete week (Monday to Sunday) in the chosen time zone.'),
  );
  const metadata: DigestModalMetadata = model.subscriptionId ? { subscriptionId: model.subscriptionId } : {};
  return {
    type: 'modal',
    callback_id: DigestIds.modal,
    title: plain(model.subscriptionId ? 'Edit weekly digest' : 'Weekly KPI digest', LIMITS.viewTitle),
    submit: plain(model.subscriptionId ? 'Save' : 'Subscribe', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** A multi-select shows at most 100 chosen options: a subscription with more is told what happens to the rest. */
function groupsHint(chosen: number): string {
  const hint = 'Used when "Whole KPI groups" is selected.';
  if (chosen <= LIMITS.options) return hint;
  const rest = chosen - LIMITS.options;
  return `${hint} This digest covers ${chosen} groups: the first ${LIMITS.options} are shown here, and the other ${rest} are kept when you save.`;
}

/** A zone as the typeahead offers it: `Europe/Berlin` (IANA names are at most ~30 characters). */
export function zoneOption(zone: string): PlainTextOption {
  return option(zone, zone);
}

/** Every IANA zone Intl knows, plus UTC (which `supportedValuesOf` leaves out). */
export function knownZones(): readonly string[] {
  return ALL_ZONES;
}

const ALL_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** Zones matching what was typed: `berlin`, `new york` and `America/New_Y` all find New York. */
export function matchZones(query: string, max: number = LIMITS.options): string[] {
  const q = query.trim().toLowerCase().replace(/[\s_]+/g, '_');
  if (q === '') return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of ALL_ZONES) {
    const z = zone.toLowerCase();
    const city = z.slice(z.lastIndexOf('/') + 1);
    if (city.startsWith(q) || z.startsWith(q)) starts.push(zone);
    else if (z.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, max);
}

