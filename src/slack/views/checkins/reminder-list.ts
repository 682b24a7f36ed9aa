/**
 * `/kpi remind list`: the channel's check-in reminders, each with who it reaches, who turned
 * reminders off, and *Edit*, *Pause* or *Resume*, *Send now* and *Remove*. Pure.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { CheckinReminder, CheckinSelection } from '../../../checkins/types.js';
import { ReminderIds } from '../../ids.js';
import { actions, button, clip, context, escapeMrkdwn, LIMITS, plain, section } from '../blocks.js';
import type { MessageView } from '../messages.js';
import { whenText } from './reminder-text.js';

export interface ListedReminder {
  reminder: CheckinReminder;
  /** The Slack people it reaches now. */
  people: readonly string[];
  /** Those of them who turned reminder DMs off (`/kpi remind off`). */
  optedOut: readonly string[];
}

export interface ReminderListModel {
  channelId: string;
  listed: readonly ListedReminder[];
  kpiNames: ReadonlyMap<string, string>;
  groupNames: ReadonlyMap<string, string>;
  /** One sentence above the list: the outcome of the button just clicked. */
  notice?: string;
}

/** Two blocks per reminder and two around them, in a message of 50 blocks. */
const MAX_LISTED = Math.floor((LIMITS.messageBlocks - 2) / 2);
const NAMES_SHOWN = 5;

export function reminderListMessage(model: ReminderListModel): MessageView {
  const channel = `<#${model.channelId}>`;
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push(section(escapeMrkdwn(model.notice)));
  if (model.listed.length === 0) {
    blocks.push(section(`No check-in reminder is set up in ${channel}. Start one with \`/kpi remind\`.`));
    return { text: 'No check-in reminder in this channel', blocks };
  }
  blocks.push(section(`*Check-in reminders in ${channel}*`));
  for (const listed of model.listed.slice(0, MAX_LISTED)) blocks.push(section(clip(reminderText(listed, model), LIMITS.sectionText)), actions(undefined, controls(listed.reminder)));
  const hidden = model.listed.length - MAX_LISTED;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more not shown.`));
  const n = model.listed.length;
  return { text: `${n} check-in ${n === 1 ? 'reminder' : 'reminders'} in this channel`, blocks };
}

function reminderText({ reminder, people, optedOut }: ListedReminder, model: ReminderListModel): string {
  const status = reminder.status === 'active' ? ':large_green_circle: Active' : ':double_vertical_bar: Paused';
  const reached = people.length === 1 ? 'reaches one person' : `reaches ${people.length} people`;
  const off = optedOut.length === 0 ? '' : `\n${optedOut.map((id) => `<@${id}>`).join(', ')} turned reminders off`;
  return `*${describeSelection(reminder.selection, model)}* · ${escapeMrkdwn(whenText(reminder))}\n${status} · ${reached} · set up by <@${reminder.createdBy}>${off}`;
}

function describeSelection(selection: CheckinSelection, names: Pick<ReminderListModel, 'kpiNames' | 'groupNames'>): string {
  switch (selection.kind) {
    case 'kpis':
      return namesText(selection.kpiIds.map((id) => names.kpiNames.get(id) ?? id));
    case 'groups':
      return `Groups: ${namesText(selection.groupIds.map((id) => names.groupNames.get(id) ?? id))}`;
    case 'channel_digests':
      return 'Every KPI of this channel’s digests';
    case 'owned':
      return 'The KPIs they own';
  }
}

function namesText(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_SHOWN).map((n) => escapeMrkdwn(clip(n, 60)));
  return list.length > NAMES_SHOWN ? `${shown.join(', ')} and ${list.length - NAMES_SHOWN} more` : shown.join(', ');
}

function controls(reminder: CheckinReminder): ActionsBlock['elements'] {
  const remove: Button = {
    ...button('Remove', ReminderIds.removeButton, reminder.id, 'danger'),
    confirm: {
      title: plain('Remove this reminder?', 100),
      text: plain('Its owners will no longer get check-in DMs from it. This cannot be undone.', 300),
      confirm: plain('Remove', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return [
    button('Edit', ReminderIds.editButton, reminder.id),
    button(reminder.status === 'active' ? 'Pause' : 'Resume', ReminderIds.pauseButton, reminder.id),
    button('Send now', ReminderIds.sendNowButton, reminder.id),
    remove,
  ];
}
