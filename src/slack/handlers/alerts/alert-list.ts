/**
 * `/kpi alert list` and its buttons. In a channel: the channel's alerts; in a DM: your personal
 * alerts; a KPI admin sees every alert of the workspace. *Edit*, *Pause* or *Resume*, and *Remove*
 * check again who clicks: a channel alert is managed by the channel's members, a personal one by
 * its creator, any alert by a KPI admin.
 */
import type { webApi } from '@slack/bolt';
import type { AlertRule } from '../../../alerts/types.js';
import type { SlackDeps } from '../../deps.js';
import { alertListMessage } from '../../views/alerts/alert-list.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { accessForChange, type ChannelAccess } from '../common/channel-access.js';
import { mayAdminister } from '../kpi-admin/access.js';
import { ALERTS_UNAVAILABLE, openAlertModal } from './alert-modal.js';

export type AlertButton = 'edit' | 'pause' | 'remove';

export interface AlertButtonClick {
  button: AlertButton;
  ruleId: string;
  teamId: string;
  userId: string;
  triggerId: string;
}

/** Whose alerts a list shows. */
type ListScope = { kind: 'team' } | { kind: 'channel'; channelId: string } | { kind: 'personal'; userId: string };

/** `/kpi alert list` where it was run. */
export async function listAlerts(deps: SlackDeps, client: webApi.WebClient, teamId: string, channelId: string, userId: string): Promise<MessageView> {
  if (!deps.alerts) return noticeMessage(ALERTS_UNAVAILABLE);
  const admin = mayAdminister(deps, await deps.profiles.get(client, userId));
  // A DM's id starts with D: its list is the person's own alerts.
  const scope: ListScope = admin ? { kind: 'team' } : channelId.startsWith('D') ? { kind: 'personal', userId } : { kind: 'channel', channelId };
  return alertList(deps, teamId, scope);
}

async function alertList(deps: SlackDeps, teamId: string, scope: ListScope, notice?: string): Promise<MessageView> {
  const rules = deps.alerts!.rules;
  const list =
    scope.kind === 'team' ? await rules.listByTeam(teamId) : await rules.listByChannel(teamId, scope.kind === 'channel' ? scope.channelId : scope.userId);
  // Names are a nicety: the list must not wait for a first catalogue load.
  const view = deps.catalogue.peek();
  return alertListMessage({
    scope: scope.kind === 'team' ? 'every channel and person of this workspace' : scope.kind === 'channel' ? `<#${scope.channelId}>` : 'you (personal alerts)',
    rules: list,
    kpis: new Map([...(view?.byId.values() ?? [])].map((k) => [k.id, k] as const)),
    groupNames: view?.groupNames ?? new Map(),
    at: new Date(deps.now()),
    ...(notice ? { notice } : {}),
  });
}

/** A button of the list; the reply replaces the list with its new state and one sentence about what happened. */
export async function onAlertButton(deps: SlackDeps, client: webApi.WebClient, click: AlertButtonClick, reply: (message: MessageView) => Promise<void>): Promise<void> {
  const alerts = deps.alerts;
  if (!alerts) return reply(noticeMessage(ALERTS_UNAVAILABLE));
  const rule = await alerts.rules.get(click.ruleId);
  if (!rule) return reply(noticeMessage('That alert no longer exists: it was removed. See what is left with /kpi alert list.'));
  const admin = mayAdminister(deps, await deps.profiles.get(client, click.userId));
  const check = () => mayManage(client, rule, click.userId, admin, click.button === 'edit');
  if (click.button === 'edit') {
    // The modal opens first: the trigger_id lasts 3 s, and the check may take a moment.
    return openAlertModal(deps, client, { triggerId: click.triggerId, teamId: click.teamId, userId: click.userId, channelId: rule.channelId, personal: rule.personal, rule }, check);
  }
  const access = await check();
  if (!access.ok) return reply(noticeMessage(access.sentence));
  const where = rule.personal ? 'you' : access.channelName;
  let notice: string;
  if (click.button === 'remove') {
    await alerts.rules.remove(rule.id);
    notice = `Removed: ${where} will no longer get that alert.`;
  } else if (rule.status === 'active') {
    await alerts.rules.pause(rule.id, null);
    notice = `Paused: ${where} gets no alert from it until someone resumes it.`;
  } else {
    await alerts.rules.resume(rule.id, new Date(deps.now()));
    notice = `Resumed: ${where} will get the alert again from the next check.`;
  }
  const scope: ListScope = admin ? { kind: 'team' } : rule.personal ? { kind: 'personal', userId: click.userId } : { kind: 'channel', channelId: rule.channelId };
  await reply(await alertList(deps, click.teamId, scope, notice));
}

/** A KPI admin manages every alert; a personal alert its creator; a channel alert the channel's members. */
async function mayManage(client: webApi.WebClient, rule: AlertRule, userId: string, admin: boolean, saving: boolean): Promise<ChannelAccess> {
  const channelName = rule.personal ? 'you' : `<#${rule.channelId}>`;
  if (admin) return { ok: true, channelName };
  if (rule.personal) {
    return rule.ownerUserId === userId ? { ok: true, channelName } : { ok: false, reason: 'not_member', sentence: 'Only the person who set up a personal alert (or a KPI admin) can change it.' };
  }
  return accessForChange(client, rule, userId, { needsBot: saving, join: false, feature: 'alerts' });
}
