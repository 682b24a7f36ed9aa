/**
 * *Mute for a week* on an alert message: the rule posts nothing until seven days from now (its
 * edge state still steps, so nothing is posted late when the week is over), and the person who
 * clicked is told until when, in one sentence.
 */
import { DateTime } from 'luxon';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { ALERTS_UNAVAILABLE } from './alert-modal.js';

export const MUTE_MS = 7 * 24 * 60 * 60_000;

export async function muteAlert(deps: SlackDeps, ruleId: string, userId: string): Promise<MessageView> {
  const alerts = deps.alerts;
  if (!alerts) return noticeMessage(ALERTS_UNAVAILABLE);
  const rule = await alerts.rules.get(ruleId);
  if (!rule) return noticeMessage('That alert no longer exists: it was removed, so there is nothing to mute.');
  if (rule.personal && rule.ownerUserId !== userId) return noticeMessage('Only the person who set up this personal alert can mute it.');
  const until = new Date(deps.now() + MUTE_MS);
  await alerts.rules.mute(rule.id, until);
  const day = DateTime.fromJSDate(until, { zone: rule.zone }).setLocale('en-US').toFormat('ccc, LLL d');
  const where = rule.personal ? 'You get' : `<#${rule.channelId}> gets`;
  return noticeMessage(`Muted until ${day}: ${where} no post from this alert until then (see it in /kpi alert list).`);
}
