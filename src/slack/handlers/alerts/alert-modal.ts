/**
 * The alert form: opened by `/kpi alert` (this channel), `/kpi alert me` (a DM to the creator, from
 * anywhere) or *Edit* in the list, and submitted. The modal opens before any other I/O (the
 * trigger_id lasts 3 s); field errors go back next to their fields; the submission is acknowledged
 * at once with "Saving…", and the channel check and the save follow.
 */
import type { webApi } from '@slack/bolt';
import { restartEdges } from '../../../alerts/edge.js';
import type { AlertRule } from '../../../alerts/types.js';
import { isValidZone } from '../../../time/zones.js';
import type { SlackDeps } from '../../deps.js';
import { parseAlertModalMetadata } from '../../payloads/metadata.js';
import type { ViewState } from '../../payloads/view-state.js';
import { alertModal, type AlertModalModel } from '../../views/alerts/alert-modal.js';
import { conditionText } from '../../views/alerts/rule-text.js';
import { escapeMrkdwn } from '../../views/blocks.js';
import { loadingModal, resultModal } from '../../views/log-modal.js';
import { checkChannelAccess, type ChannelAccess, type ChannelAccessOptions } from '../common/channel-access.js';
import { choiceOf, readAlertForm, validateAlertForm, type AlertFields } from './alert-form.js';

/** How the channel check names channel alerts, and what to do instead in a DM. */
const ALERT_CHANNEL_ACCESS: ChannelAccessOptions = { feature: 'alerts', instead: 'run /kpi alert in one, or /kpi alert me for a personal alert' };

const TITLE = 'KPI alert';
/** What kpibot answers when it runs without the alert store (it cannot happen in src/kpibot.ts). */
export const ALERTS_UNAVAILABLE = 'Alerts are not set up on this kpibot: ask whoever runs it.';
/** `/kpi alert` in a direct message: there is no channel to post in. */
export const NOT_IN_A_CHANNEL = 'Channel alerts go to a channel: run /kpi alert there, or /kpi alert me for a personal alert by DM.';

export interface OpenAlertModalRequest {
  triggerId: string;
  teamId: string;
  userId: string;
  /** Where the command ran: the channel of a channel alert. */
  channelId: string;
  personal: boolean;
  /** Edit: the rule to fill the form with. */
  rule?: AlertRule;
}

/**
 * Opens the form. A new channel alert is for the channel's members only; `check` (Edit: who may
 * change that rule) replaces the form with its one sentence when it refuses.
 */
export async function openAlertModal(deps: SlackDeps, client: webApi.WebClient, request: OpenAlertModalRequest, check?: () => Promise<ChannelAccess>): Promise<void> {
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingModal(TITLE, 'Loading…') });
  const viewId = opened.view?.id;
  if (!viewId) return;
  try {
    const access = check
      ? await check()
      : request.personal
        ? { ok: true as const }
        : await checkChannelAccess(client, request.channelId, request.userId, ALERT_CHANNEL_ACCESS);
    if (!access.ok) {
      await client.views.update({ view_id: viewId, view: resultModal(access.sentence, [], TITLE) });
      return;
    }
    const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, request.userId)]);
    const rule = request.rule;
    const personal = rule?.personal ?? request.personal;
    const channelId = rule?.channelId ?? (personal ? request.userId : request.channelId);
    const model: AlertModalModel = {
      channelId,
      personal,
      destination: personal ? 'you, by direct message' : `<#${channelId}>`,
      // A profile may carry a fixed offset when Slack gave no usable zone: that would not follow DST.
      zone: rule?.zone ?? (isValidZone(profile.zone) ? profile.zone : 'UTC'),
      ...(rule ? { ruleId: rule.id, ...choiceOf(rule.condition) } : {}),
      ...(rule?.target.kind === 'kpi' ? { kpi: { id: rule.target.kpiId, name: catalogue.byId.get(rule.target.kpiId)?.name ?? `${rule.target.kpiId} (deleted)` } } : {}),
      ...(rule?.target.kind === 'group' ? { group: { id: rule.target.groupId, name: catalogue.groupNames.get(rule.target.groupId) ?? rule.target.groupId } } : {}),
    };
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: alertModal(model) });
  } catch (error) {
    deps.logger.error('could not fill the alert modal', { error });
    await client.views.update({ view_id: viewId, view: resultModal('kpibot could not load the KPI list from Gtmhub: please close this and try again in a minute.', [], TITLE) });
  }
}

/** What the view_submission listener answers Slack with. */
export type AlertSubmissionAck =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ReturnType<typeof resultModal> };

export interface AlertSubmission {
  teamId: string;
  userId: string;
  viewId: string;
  state: ViewState;
  privateMetadata: string;
}

export async function submitAlertModal(deps: SlackDeps, client: webApi.WebClient, submission: AlertSubmission, ack: (response: AlertSubmissionAck) => Promise<void>): Promise<void> {
  const alerts = deps.alerts;
  if (!alerts) return ack(outcome(ALERTS_UNAVAILABLE));
  const form = validateAlertForm(readAlertForm(submission.state));
  if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
  const metadata = parseAlertModalMetadata(submission.privateMetadata);
  // Unreadable metadata names no channel and no rule: saving could post to the wrong place or duplicate a rule.
  if (!metadata.ok) return ack(outcome('kpibot could not read where this alert posts: close the form and run /kpi alert again.'));
  await ack(outcome('Saving the alert…'));
  const finish = (sentence: string | { mrkdwn: string }): Promise<unknown> => client.views.update({ view_id: submission.viewId, view: resultModal(sentence, [], TITLE) });
  const { channelId, personal, ruleId } = metadata.value;
  try {
    if (!personal) {
      const access = await checkChannelAccess(client, channelId, submission.userId, { join: true, ...ALERT_CHANNEL_ACCESS });
      if (!access.ok) return void (await finish(access.sentence));
    }
    const at = new Date(deps.now());
    let saved: AlertRule | undefined;
    if (ruleId) {
      const before = await alerts.rules.get(ruleId);
      if (!before) return void (await finish('That alert was removed meanwhile: set it up again with /kpi alert.'));
      if (before.personal && before.ownerUserId !== submission.userId) return void (await finish('Only the person who set up a personal alert can change it.'));
      saved = await alerts.rules.update(ruleId, { ...form.fields, state: restartEdges(before.state), nextPollAt: at });
    } else {
      saved = await alerts.rules.create({ ...form.fields, teamId: submission.teamId, channelId, personal, ownerUserId: submission.userId, nextPollAt: at });
    }
    if (!saved) return void (await finish('That alert was removed meanwhile: set it up again with /kpi alert.'));
    await finish(confirmation(deps, saved, form.fields, ruleId !== undefined));
  } catch (error) {
    deps.logger.error('could not save an alert', { error });
    await finish('kpibot could not check the channel or save the alert: please try again in a minute.');
  }
}

/** `Alert created: <#C> hears when MRR went above $1.2K (weeks of Europe/Berlin).` */
function confirmation(deps: SlackDeps, rule: AlertRule, fields: AlertFields, edited: boolean): { mrkdwn: string } {
  const catalogue = deps.catalogue.peek();
  const kpi = fields.target.kind === 'kpi' ? catalogue?.byId.get(fields.target.kpiId) : undefined;
  const watched = escapeMrkdwn(fields.target.kind === 'kpi' ? (kpi?.name ?? fields.target.kpiId) : `any KPI of ${catalogue?.groupNames.get(fields.target.groupId) ?? fields.target.groupId}`);
  const who = rule.personal ? 'You hear by DM' : `<#${rule.channelId}> hears`;
  return {
    mrkdwn: `${edited ? 'Alert saved' : 'Alert created'}: ${who} when ${watched} ${escapeMrkdwn(conditionText(fields.condition, kpi?.formatting))} (weeks of ${fields.zone}). See or change it with /kpi alert list.`,
  };
}

function outcome(sentence: string): AlertSubmissionAck {
  return { response_action: 'update', view: resultModal(sentence, [], TITLE) };
}
