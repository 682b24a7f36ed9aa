/**
 * Send now: a subscription's digest for the last complete week, at once, whatever its schedule
 * and status. Each week goes out once: clicking again, or clicking for a week the schedule already
 * posted, answers `already_sent` (after a failure or a skip it tries again); the scheduled run then
 * skips a week posted here (`once-a-week.ts`).
 */
import { buildContents, claimWork, isBuilt, notBuiltReason } from '../scheduling/context.js';
import { deliverClaimed } from '../scheduling/deliver.js';
import { handlePostFailure } from '../scheduling/post-failures.js';
import { digestClaimKey, digestMessageKey } from './keys.js';
import { ALREADY_SENT_ON_SCHEDULE, scheduledOfWeek, SCHEDULED_DELIVERY_UNDER_WAY, type DigestContext } from './once-a-week.js';
import { periodForRun } from './schedule.js';

/** What Send now did, for the reply in Slack. `reason` is one sentence for the user. */
export type SendNowResult =
  | { kind: 'sent'; period: string; messageTs: string }
  | { kind: 'skipped'; period: string; reason: string }
  /** The week is in the channel already, posted by Send now or by the schedule. */
  | { kind: 'already_sent'; period: string; messageTs: string | null }
  | { kind: 'in_progress'; period: string }
  | { kind: 'failed'; period: string; reason: string }
  | { kind: 'not_found' };

export async function sendNow<M>(ctx: DigestContext<M>, subscriptionId: string): Promise<SendNowResult> {
  const subscription = await ctx.kind.get(subscriptionId);
  if (!subscription) return { kind: 'not_found' };
  const at = new Date(ctx.now());
  const period = periodForRun(at, subscription.zone);
  const halted = ctx.haltedWorkspaces.get(subscription.teamId);
  if (halted) return { kind: 'failed', period, reason: ctx.kind.attention.tokenRefused(halted) };

  // Send now may be clicked again after it failed or found nothing to post.
  const result = await claimWork(ctx, subscription, digestClaimKey(subscription.id, period, 'manual'), at, { reclaimable: ['failed', 'skipped'] });
  if (result.kind === 'settled') return { kind: 'already_sent', period, messageTs: result.claim.messageRef };
  if (result.kind !== 'claimed') return { kind: 'in_progress', period };
  const claim = result.claim;

  const scheduled = await ctx.claims.get(ctx.kind.name, digestClaimKey(subscription.id, period, 'schedule'));
  switch (scheduledOfWeek(scheduled)) {
    case 'sent':
      await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'skipped', at, error: ALREADY_SENT_ON_SCHEDULE });
      return { kind: 'already_sent', period, messageTs: scheduled?.messageRef ?? null };
    case 'in_progress':
      await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'skipped', at, error: SCHEDULED_DELIVERY_UNDER_WAY });
      return { kind: 'in_progress', period };
    case 'not_sent':
      break;
  }

  const content = (await buildContents(ctx, [subscription], at)).get(subscription.id);
  if (!isBuilt(content)) {
    const reason = notBuiltReason(ctx, content);
    await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'failed', at, error: reason });
    return { kind: 'failed', period, reason };
  }
  const key = digestMessageKey(subscription.id, period, 'manual');
  const outcome = await deliverClaimed(ctx, { subjectId: subscription.id, claim, key, rendered: ctx.kind.render(content) });
  switch (outcome.kind) {
    case 'sent':
      return { kind: 'sent', period, messageTs: outcome.messageRef };
    case 'skipped':
      return { kind: 'skipped', period, reason: outcome.reason };
    case 'post_failed': {
      const reason = await handlePostFailure(ctx, subscription, claim, outcome.failure, { countAttempt: true, finalOnRefusal: true });
      return { kind: 'failed', period, reason };
    }
    default:
      return { kind: 'in_progress', period };
  }
}
