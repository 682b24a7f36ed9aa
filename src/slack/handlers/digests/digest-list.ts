import type { webApi } from '@slack/bolt';
import type { SendNowResult } from '../../../digests/send-now.js';
import type { DigestSubscription } from '../../../digests/types.js';
import type { SlackDeps } from '../../deps.js';
import type { DigestSlackDeps } from '../../digest-deps.js';
import { digestListMessage } from '../../views/digests/digest-list.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { accessForChange } from '../common/channel-access.js';
import { DIGESTS_UNAVAILABLE, openDigestModal } from './digest-subscribe.js';

export type DigestButton = 'edit' | 'pause' | 'send-now' | 'remove';

export interface DigestButtonClick {
  button: DigestButton;
  subscriptionId: string;
  teamId: string;
  userId: string;
  triggerId: string;
}

/** `/kpi digest list`: the channel's subscriptions with their controls. */
export async function listDigests(deps: SlackDeps, teamId: string, channelId: string, notice?: string): Promise<MessageView> {
  if (!deps.digests) return noticeMessage(DIGESTS_UNAVAILABLE);
  const subscriptions = await deps.digests.subscriptions.listByChannel(teamId, channelId);
  // Names are a nicety: the list must not wait for a first catalogue load.
  const view = deps.catalogue.peek();
  const kpiNames = new Map([...(view?.byId.values() ?? [])].map((kpi) => [kpi.id, kpi.name] as const));
  return digestListMessage({ channelId, subscriptions, kpiNames, groupNames: view?.groupNames ?? new Map(), ...(notice ? { notice } : {}) });
}

/**
 * A button of the list. Every button checks again that the clicking user is a member of the
 * subscription's channel (the list may have been forwarded, or they may have left). The reply
 * replaces the list with its new state and one sentence about what happened.
 */
export async function onDigestButton(
  deps: SlackDeps,
  client: webApi.WebClient,
  click: DigestButtonClick,
  reply: (message: MessageView) => Promise<void>,
): Promise<void> {
  const digests = deps.digests;
  if (!digests) return reply(noticeMessage(DIGESTS_UNAVAILABLE));
  const sub = await digests.subscriptions.get(click.subscriptionId);
  if (!sub) return reply(noticeMessage('That digest no longer exists: it was removed. See what is left with /kpi digest list.'));
  const check = () => accessForChange(client, sub, click.userId, { needsBot: click.button === 'send-now' || click.button === 'edit', join: click.button === 'send-now' });
  if (click.button === 'edit') {
    // The modal opens first: the trigger_id lasts 3 s, and the check may take a moment.
    return openDigestModal(deps, client, { triggerId: click.triggerId, userId: click.userId, channelId: sub.channelId, subscription: sub }, check);
  }
  const access = await check();
  if (!access.ok) return reply(noticeMessage(access.sentence));
  const notice = await act(digests, sub, click.button, access.channelName, deps);
  await reply(await listDigests(deps, click.teamId, sub.channelId, notice));
}

async function act(digests: DigestSlackDeps, sub: DigestSubscription, button: Exclude<DigestButton, 'edit'>, channel: string, deps: SlackDeps): Promise<string> {
  switch (button) {
    case 'pause':
      if (sub.status === 'active') {
        await digests.subscriptions.pause(sub.id);
        return `Paused: ${channel} gets no digest until someone resumes it.`;
      }
      await digests.subscriptions.resume(sub.id);
      return `Resumed: ${channel} gets the digest again from the next slot.`;
    case 'remove':
      await digests.subscriptions.remove(sub.id);
      return `Removed: ${channel} no longer gets that digest.`;
    case 'send-now':
      try {
        return sendNowSentence(await digests.sendNow(sub.id), channel);
      } catch (error) {
        deps.logger.error('digest send now failed', { error, subscriptionId: sub.id });
        return `kpibot could not send the digest to ${channel} just now: please try again in a minute.`;
      }
  }
}

function sendNowSentence(result: SendNowResult, channel: string): string {
  switch (result.kind) {
    case 'sent':
      return `Sent: the digest of ${result.period} is in ${channel}.`;
    case 'skipped':
      return `Nothing sent for ${result.period}: ${result.reason}`;
    case 'already_sent':
      return `The digest of ${result.period} is already in ${channel}: each week goes out once, on schedule or with Send now.`;
    case 'in_progress':
      return `The digest of ${result.period} is being sent to ${channel} right now.`;
    case 'failed':
      return result.reason;
    case 'not_found':
      return 'That digest no longer exists: it was removed.';
  }
}
