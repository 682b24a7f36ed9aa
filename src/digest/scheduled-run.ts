/**
 * One subscription's turn in a scheduled run: claim the slot that is due (after settling slots
 * too old to send), then deliver it with the content built for its slot, and move the schedule on
 * once the week is settled.
 */
import type { DigestDelivery } from '../store/digest-deliveries-repository.js';
import { isTooOld, settleTooOld } from './catch-up.js';
import { advanceSchedule, claimPeriod, deliverClaimed, isBuilt, notBuiltReason, slotOutcomeOf, type EngineContext } from './engine-context.js';
import { ALREADY_SENT_ON_REQUEST, sendNowOfWeek } from './once-a-week.js';
import { retryOrFail } from './retry-policy.js';
import type { RunSummary } from './run-summary.js';
import { nextRunAt, periodForRun } from './schedule.js';
import { handleSlackFailure } from './slack-failures.js';
import type { DigestContent, DigestSubscription } from './types.js';

/** A slot this engine claimed and will deliver. */
export interface ClaimedSlot {
  subscription: DigestSubscription;
  slot: Date;
  delivery: DigestDelivery;
}

/** Settles slots too old to send, then claims the current one; undefined when there is nothing to deliver now. */
export async function claimDue(ctx: EngineContext, subscription: DigestSubscription, at: Date, summary: RunSummary): Promise<ClaimedSlot | undefined> {
  let slot = subscription.nextRunAt;
  while (isTooOld(slot, at)) {
    await settleTooOld(ctx, subscription, slot, at, summary);
    slot = nextRunAt(subscription, slot);
  }
  if (slot.getTime() !== subscription.nextRunAt.getTime()) {
    if (!(await ctx.subscriptions.advance(subscription.id, subscription.nextRunAt, slot, { kind: 'missed' }))) return undefined;
    if (slot > at) return undefined;
  }

  const period = periodForRun(slot, subscription.zone);
  const claim = await claimPeriod(ctx, subscription, period, 'schedule', at);
  switch (claim.kind) {
    case 'busy':
      summary.busy += 1;
      return undefined;
    case 'waiting':
      summary.retrying += 1;
      return undefined;
    case 'settled':
      // Settled by an instance that stopped before moving the schedule on: move it now.
      await advanceSchedule(ctx, subscription, slot, slotOutcomeOf(claim.delivery));
      return undefined;
    case 'claimed':
      break;
  }
  const delivery = claim.delivery;
  switch (await sendNowOfWeek(ctx, subscription, period, at)) {
    case 'sent':
      await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'skipped', at, error: ALREADY_SENT_ON_REQUEST });
      await advanceSchedule(ctx, subscription, slot, { kind: 'done' });
      summary.skipped += 1;
      return undefined;
    case 'in_progress':
      await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: "Send now was posting this week's digest.", countAttempt: false });
      summary.busy += 1;
      return undefined;
    case 'unknown':
      await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: 'Slack could not be searched for a Send now digest of this week.', countAttempt: false });
      summary.retrying += 1;
      return undefined;
    case 'not_sent':
      return { subscription, slot, delivery };
  }
}

/** Delivers a claimed slot with its content (or the error that kept it from being built). */
export async function deliverScheduled(ctx: EngineContext, item: ClaimedSlot, content: DigestContent | Error | undefined, summary: RunSummary): Promise<void> {
  const { subscription, delivery, slot } = item;
  if (!isBuilt(content)) {
    if (content instanceof Error) ctx.logger.warn('digest content failed', { subscriptionId: subscription.id, error: content });
    await retryOrFail(ctx, subscription, delivery, slot, notBuiltReason(content), summary);
    return;
  }
  if (content.period !== delivery.period) {
    ctx.logger.warn('digest content is for another week than the claim', { subscriptionId: subscription.id, claimed: delivery.period, built: content.period });
  }
  const outcome = await deliverClaimed(ctx, subscription, delivery, content);
  switch (outcome.kind) {
    case 'sent':
    case 'skipped':
      summary[outcome.kind] += 1;
      await advanceSchedule(ctx, subscription, slot, { kind: 'done' });
      return;
    case 'slack_failed': {
      const failure = outcome.failure;
      if (failure.kind === 'refused') {
        await retryOrFail(ctx, subscription, delivery, slot, `Slack refused the digest (${failure.slackError}).`, summary);
        return;
      }
      await handleSlackFailure(ctx, subscription, delivery, failure, { countAttempt: false, finalOnRefusal: false });
      if (failure.kind === 'channel_gone') summary.paused += 1;
      else summary.retrying += 1;
      return;
    }
    case 'not_found':
    case 'lost':
      summary.busy += 1;
      return;
  }
}
