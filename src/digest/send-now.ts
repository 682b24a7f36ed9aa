/**
 * Send now: a subscription's digest for the last complete week, at once, whatever its schedule
 * and status. Each week goes out once: clicking again, or clicking for a week the schedule already
 * posted, answers `already_sent` (after a failure or a skip it tries again); the scheduled run then
 * skips a week posted here (`once-a-week.ts`).
 */
import { buildContents, claimPeriod, deliverClaimed, isBuilt, notBuiltReason, type EngineContext } from './engine-context.js';
import { ALREADY_SENT_ON_SCHEDULE, scheduledOfWeek, SCHEDULED_DELIVERY_UNDER_WAY } from './once-a-week.js';
import { periodForRun } from './schedule.js';
import { handleSlackFailure, tokenRefusedSentence } from './slack-failures.js';

/** What Send now did, for the reply in Slack. `reason` is one sentence for the user. */
export type SendNowResult =
  | { kind: 'sent'; period: string; messageTs: string }
  | { kind: 'skipped'; period: string; reason: string }
  /** The week is in the channel already, posted by Send now or by the schedule. */
  | { kind: 'already_sent'; period: string; messageTs: string | null }
  | { kind: 'in_progress'; period: string }
  | { kind: 'failed'; period: string; reason: string }
  | { kind: 'not_found' };

export async function sendNow(ctx: EngineContext, subscriptionId: string): Promise<SendNowResult> {
  const subscription = await ctx.subscriptions.get(subscriptionId);
  if (!subscription) return { kind: 'not_found' };
  const at = new Date(ctx.now());
  const period = periodForRun(at, subscription.zone);
  const halted = ctx.haltedTeams.get(subscription.teamId);
  if (halted) return { kind: 'failed', period, reason: tokenRefusedSentence(halted) };

  const claim = await claimPeriod(ctx, subscription, period, 'manual', at);
  if (claim.kind === 'settled') return { kind: 'already_sent', period, messageTs: claim.delivery.messageTs };
  if (claim.kind !== 'claimed') return { kind: 'in_progress', period };
  const delivery = claim.delivery;

  const scheduled = await ctx.deliveries.get(subscription.id, period, 'schedule');
  switch (scheduledOfWeek(scheduled)) {
    case 'sent':
      await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'skipped', at, error: ALREADY_SENT_ON_SCHEDULE });
      return { kind: 'already_sent', period, messageTs: scheduled?.messageTs ?? null };
    case 'in_progress':
      await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'skipped', at, error: SCHEDULED_DELIVERY_UNDER_WAY });
      return { kind: 'in_progress', period };
    case 'not_sent':
      break;
  }

  const content = (await buildContents(ctx, [subscription], at)).get(subscription.id);
  if (!isBuilt(content)) {
    const reason = notBuiltReason(content);
    await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'failed', at, error: reason });
    return { kind: 'failed', period, reason };
  }
  const outcome = await deliverClaimed(ctx, subscription, delivery, content);
  switch (outcome.kind) {
    case 'sent':
      return { kind: 'sent', period, messageTs: outcome.messageTs };
    case 'skipped':
      return { kind: 'skipped', period, reason: outcome.reason };
    case 'slack_failed': {
      const reason = await handleSlackFailure(ctx, subscription, delivery, outcome.failure, { countAttempt: true, finalOnRefusal: true });
      return { kind: 'failed', period, reason };
    }
    default:
      return { kind: 'in_progress', period };
  }
}
