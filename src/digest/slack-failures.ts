/**
 * What the engine does when Slack will not take a digest, and the sentence it gives the user:
 * - channel gone → the subscription is paused with its reason and the owner gets a DM;
 * - token refused → delivery stops for the workspace (one log line) and the claim stays retryable;
 * - rate limited → the claim goes back uncounted;
 * - refused → failed (Send now) or given back counted;
 * - unknown outcome → the claim stays `sending` so that, after the lease, the next claimant looks
 *   in the channel before posting.
 */
import type { DigestDelivery } from '../store/digest-deliveries-repository.js';
import { ownerNoticeFor, pausedReasonFor, tokenRefusedLogLine } from './attention.js';
import type { DigestSlackError } from './digest-slack.js';
import type { EngineContext } from './engine-context.js';
import type { DigestSubscription } from './types.js';

/** Send now's sentence while a workspace's token is refused. */
export function tokenRefusedSentence(slackError: string): string {
  return `Slack refused kpibot's token (${slackError}): ask whoever runs kpibot to reinstall the app.`;
}

/** Acts on `failure`; returns the sentence for the user. `finalOnRefusal`: a refusal ends the delivery `failed`. */
export async function handleSlackFailure(
  ctx: EngineContext,
  subscription: DigestSubscription,
  delivery: DigestDelivery,
  failure: DigestSlackError,
  options: { countAttempt: boolean; finalOnRefusal: boolean },
): Promise<string> {
  const at = new Date(ctx.now());
  switch (failure.kind) {
    case 'channel_gone': {
      const reason = pausedReasonFor(failure.slackError, delivery.channelId);
      await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'failed', at, error: reason });
      await ctx.subscriptions.pause(subscription.id, reason);
      await ctx.slack.notifyUser(subscription.ownerUserId, ownerNoticeFor(failure.slackError, delivery.channelId));
      ctx.logger.warn('digest paused: Slack will not let kpibot post in its channel', { subscriptionId: subscription.id, channelId: delivery.channelId, slackError: failure.slackError });
      return reason;
    }
    case 'auth':
      await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: `Slack refused the bot token (${failure.slackError}).`, countAttempt: false });
      if (!ctx.haltedTeams.has(subscription.teamId)) {
        ctx.haltedTeams.set(subscription.teamId, failure.slackError);
        ctx.logger.error(tokenRefusedLogLine(failure.slackError, subscription.teamId), { teamId: subscription.teamId, slackError: failure.slackError });
      }
      return tokenRefusedSentence(failure.slackError);
    case 'rate_limited':
      await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: 'Slack rate limited the digest.', countAttempt: false });
      return 'Slack is rate limiting kpibot right now: the digest will be sent in a minute or two.';
    case 'refused': {
      const reason = `Slack refused the digest (${failure.slackError}); kpibot logged the details.`;
      if (options.finalOnRefusal) await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'failed', at, error: reason });
      else await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: reason, countAttempt: options.countAttempt });
      ctx.logger.warn('Slack refused a digest', { subscriptionId: subscription.id, slackError: failure.slackError });
      return reason;
    }
    case 'unknown':
      ctx.logger.warn('a digest post may or may not have reached Slack; it will be checked after the claim lease', {
        subscriptionId: subscription.id,
        period: delivery.period,
        slackError: failure.slackError,
      });
      return 'Slack did not answer in time; kpibot will check the channel and finish the digest in a few minutes.';
  }
}
