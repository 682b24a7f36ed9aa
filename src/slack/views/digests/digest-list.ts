import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { DigestSelection, DigestSubscription } from '../../../digests/types.js';
import { DigestIds } from '../../ids.js';
import { actions, button, clip, context, escapeMrkdwn, LIMITS, plain, section } from '../blocks.js';
import { WEEKDAYS } from './digest-modal.js';
import type { MessageView } from '../messages.js';

export interface DigestListModel {
  channelId: string;
  subscriptions: readonly DigestSubscription[];
  /** KPI and group names from the catalogue; ids are shown for what it does not know. */
  kpiNames: ReadonlyMap<string, string>;
  groupNames: ReadonlyMap<string, string>;
  /** One sentence above the list: the outcome of the button just clicked. */
  notice?: string;
}

/** Two blocks per subscription and two around them: 24 fit in a message of 50 blocks. */
const MAX_LISTED = Math.floor((LIMITS.messageBlocks - 2) / 2);
const NAMES_SHOWN = 5;

/** `/kpi digest list`: each subscription of the channel with Edit, Pause/Resume, Send now and Remove. */
export function digestListMessage(model: DigestListModel): MessageView {
  const channel = `<#${model.channelId}>`;
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push(section(escapeMrkdwn(model.notice)));
  if (model.subscriptions.length === 0) {
    blocks.push(section(`No weekly digest is set up in ${channel}. Start one with \`/kpi digest\`.`));
    return { text: 'No weekly digest in this channel', blocks };
  }
  blocks.push(section(`*Weekly digests in ${channel}*`));
  for (const sub of model.subscriptions.slice(0, MAX_LISTED)) {
    blocks.push(section(subscriptionText(sub, model)), actions(undefined, controls(sub)));
  }
  const hidden = model.subscriptions.length - MAX_LISTED;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more not shown.`));
  return { text: `${model.subscriptions.length} weekly ${model.subscriptions.length === 1 ? 'digest' : 'digests'} in this channel`, blocks };
}

/** `*Groups: Sales* · Mondays at 09:00 (Europe/Berlin)\nActive · next <date>` */
function subscriptionText(sub: DigestSubscription, model: DigestListModel): string {
  const when = `${WEEKDAYS[sub.weekday - 1] ?? `Day ${sub.weekday}`}s at ${sub.time} (${escapeMrkdwn(sub.zone)})`;
  const status =
    sub.status === 'active'
      ? `:large_green_circle: Active · next ${slackDate(sub.nextRunAt)}`
      : `:double_vertical_bar: Paused${sub.pausedReason ? `: ${escapeMrkdwn(clip(sub.pausedReason, 300))}` : ''}`;
  const options = [sub.skipWhenUnchanged ? 'skips unchanged weeks' : '', sub.listNotUpdated ? 'lists KPIs not updated' : '', sub.includeChart ? 'with a chart' : ''].filter(Boolean);
  return `*${describeSelection(sub.selection, sub.ownerUserId, model)}* · ${when}\n${status}${options.length > 0 ? ` · ${options.join(', ')}` : ''}\nSet up by <@${sub.ownerUserId}>`;
}

/** What a subscription covers, for people: `MRR, Churn rate and 3 more`, `Groups: Sales`. */
export function describeSelection(
  selection: DigestSelection,
  ownerUserId: string,
  names: Pick<DigestListModel, 'kpiNames' | 'groupNames'>,
): string {
  switch (selection.kind) {
    case 'kpis':
      return namesText(selection.kpiIds.map((id) => names.kpiNames.get(id) ?? id), 'KPIs');
    case 'groups':
      return `Groups: ${namesText(selection.groupIds.map((id) => names.groupNames.get(id) ?? id), 'groups')}`;
    case 'favorites':
      return `<@${ownerUserId}>'s favorite groups`;
  }
}

function namesText(list: readonly string[], what: string): string {
  if (list.length === 0) return `no ${what}`;
  const shown = list.slice(0, NAMES_SHOWN).map((n) => escapeMrkdwn(clip(n, 60)));
  return list.length > NAMES_SHOWN ? `${shown.join(', ')} and ${list.length - NAMES_SHOWN} more` : shown.join(', ');
}

/** Slack renders `<!date…>` in each reader's own time zone; the fallback is UTC. */
function slackDate(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^{date_short_pretty} at {time}|${fallback}>`;
}

function controls(sub: DigestSubscription): ActionsBlock['elements'] {
  const remove: Button = {
    ...button('Remove', DigestIds.removeButton, sub.id, 'danger'),
    confirm: {
      title: plain('Remove this digest?', 100),
      text: plain('The channel will no longer get it. This cannot be undone.', 300),
      confirm: plain('Remove', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return [
    button('Edit', DigestIds.editButton, sub.id),
    button(sub.status === 'active' ? 'Pause' : 'Resume', DigestIds.pauseButton, sub.id),
    button('Send now', DigestIds.sendNowButton, sub.id),
    remove,
  ];
}
