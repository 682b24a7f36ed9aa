/**
 * `/kpi alert list`: a channel's alerts (or a person's own, or every alert for a KPI admin), each
 * in words with its state and *Edit*, *Pause* or *Resume*, and *Remove*. Pure.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { AlertRule } from '../../../alerts/types.js';
import type { KpiFormatting } from '../../../gtmhub/types.js';
import { AlertIds } from '../../ids.js';
import { actions, button, clip, context, escapeMrkdwn, LIMITS, plain, section } from '../blocks.js';
import type { MessageView } from '../messages.js';
import { conditionText } from './rule-text.js';

export interface AlertListModel {
  /** What the list covers, as a heading: `<#C…>`, `your personal alerts`, `every alert of the workspace`. */
  scope: string;
  rules: readonly AlertRule[];
  /** KPIs as the catalogue knows them; a KPI it does not know shows by id. */
  kpis: ReadonlyMap<string, { name: string; formatting: KpiFormatting }>;
  groupNames: ReadonlyMap<string, string>;
  /** One sentence above the list: the outcome of the button just clicked. */
  notice?: string;
  /** `now`, for "muted until". */
  at: Date;
}

/** Two blocks per rule and two around them: 24 fit in a message of 50 blocks. */
const MAX_LISTED = Math.floor((LIMITS.messageBlocks - 2) / 2);

export function alertListMessage(model: AlertListModel): MessageView {
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push(section(escapeMrkdwn(model.notice)));
  if (model.rules.length === 0) {
    blocks.push(section(`No alert is set up for ${model.scope}. Start one with \`/kpi alert\` in a channel, or \`/kpi alert me\` for yourself.`));
    return { text: 'No alerts', blocks };
  }
  blocks.push(section(`*Alerts for ${model.scope}*`));
  for (const rule of model.rules.slice(0, MAX_LISTED)) blocks.push(section(ruleText(rule, model)), actions(undefined, controls(rule)));
  const hidden = model.rules.length - MAX_LISTED;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more not shown.`));
  return { text: `${model.rules.length} ${model.rules.length === 1 ? 'alert' : 'alerts'}`, blocks };
}

/** `*MRR* went above $1.2K · weeks of Europe/Berlin\nActive · in #kpis · set up by @jane` */
export function ruleText(rule: AlertRule, model: Pick<AlertListModel, 'kpis' | 'groupNames' | 'at'>): string {
  const kpi = rule.target.kind === 'kpi' ? model.kpis.get(rule.target.kpiId) : undefined;
  const watched =
    rule.target.kind === 'kpi' ? `*${escapeMrkdwn(kpi?.name ?? rule.target.kpiId)}*` : `*Every KPI of ${escapeMrkdwn(model.groupNames.get(rule.target.groupId) ?? rule.target.groupId)}*`;
  const status =
    rule.status === 'paused'
      ? `:double_vertical_bar: Paused${rule.pausedReason ? `: ${escapeMrkdwn(clip(rule.pausedReason, 300))}` : ''}`
      : rule.mutedUntil !== null && rule.mutedUntil > model.at
        ? `:no_bell: Muted until <!date^${Math.floor(rule.mutedUntil.getTime() / 1000)}^{date_short_pretty}|${rule.mutedUntil.toISOString()}>`
        : ':large_green_circle: Active';
  const where = rule.personal ? 'by direct message' : `in <#${rule.channelId}>`;
  return `${watched} ${conditionText(rule.condition, kpi?.formatting)} · weeks of ${escapeMrkdwn(rule.zone)}\n${status} · ${where} · set up by <@${rule.ownerUserId}>`;
}

function controls(rule: AlertRule): ActionsBlock['elements'] {
  const remove: Button = {
    ...button('Remove', AlertIds.removeButton, rule.id, 'danger'),
    confirm: {
      title: plain('Remove this alert?', 100),
      text: plain('It will no longer post. This cannot be undone.', 300),
      confirm: plain('Remove', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return [button('Edit', AlertIds.editButton, rule.id), button(rule.status === 'active' ? 'Pause' : 'Resume', AlertIds.pauseButton, rule.id), remove];
}
