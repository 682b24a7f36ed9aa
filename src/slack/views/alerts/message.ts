/**
 * The alert message: the KPI, its value and when it was recorded, the rule in words, the change
 * against the week before, and *Details*, *Log value* (preset to the KPI) and *Mute for a week*.
 * Pure: the content comes from the alert kind.
 */
import type { AlertContent } from '../../../alerts/kind.js';
import { formatKpiValue } from '../../../kpis/format.js';
import { trendOf } from '../../../kpis/trend.js';
import { formatWeekRange } from '../../../time/periods.js';
import type { SlackMessage } from '../../scheduling/slack-post-port.js';
import { ActionIds, AlertIds, logButtonValue } from '../../ids.js';
import { actions, button, clip, context, escapeMrkdwn, LIMITS, section } from '../blocks.js';
import { trendText } from '../trend-text.js';
import { conditionText } from './rule-text.js';

export function renderAlert(content: AlertContent): SlackMessage {
  const { firing, kpi } = content;
  const { rule } = firing;
  const name = escapeMrkdwn(kpi.name);
  const value = firing.value === undefined ? 'no value' : formatKpiValue(firing.value, kpi.formatting);
  const headline = `:rotating_light: *${name}* ${conditionText(rule.condition, kpi.formatting)}: *${value}* for the week of ${formatWeekRange(firing.period)}.`;
  const change = trendText(trendOf(firing.value, firing.previous, kpi.targetOperator), kpi, 'en-US');
  const previous = firing.previous === undefined ? 'No value the week before.' : `The week before: ${formatKpiValue(firing.previous, kpi.formatting)}${change ? ` ${change}` : ''}.`;
  const recorded = firing.recordedAt === undefined ? undefined : `Recorded <!date^${Math.floor(Date.parse(firing.recordedAt) / 1000)}^{date_short_pretty} at {time}|${firing.recordedAt}>.`;
  const who = rule.personal ? 'Your personal alert' : `Alert set up by <@${rule.ownerUserId}>`;
  return {
    text: `${kpi.name} ${conditionText(rule.condition, kpi.formatting)}: ${value}`,
    blocks: [
      section(clip(headline, LIMITS.sectionText)),
      section(previous),
      actions(undefined, [
        button('Details', ActionIds.showDetails, kpi.id),
        button('Log value', ActionIds.logValue, logButtonValue(kpi.id)),
        button('Mute for a week', AlertIds.muteButton, rule.id),
      ]),
      context([recorded, `${who}: /kpi alert list to change it.`].filter(Boolean).join(' ')),
    ],
  };
}

/** The message as plain text, for `npm run due -- --dry-run`. */
export function alertAsText(content: AlertContent): string {
  const { firing, kpi } = content;
  const value = firing.value === undefined ? 'no value' : formatKpiValue(firing.value, kpi.formatting);
  return `── alert ${firing.id} → ${firing.rule.channelId}: ${kpi.name} ${conditionText(firing.rule.condition, kpi.formatting)}: ${value}`;
}
