/**
 * Slots kpibot gets to more than 24 hours late (it was down): recorded `missed`, never sent late —
 * unless a crashed claimant had posted the digest already, which is then recorded `sent`.
 */
import { claimPeriod, deliverClaimed, type EngineContext } from './engine-context.js';
import type { DeliveryOutcome } from './deliver.js';
import type { RunSummary } from './run-summary.js';
import { periodForRun } from './schedule.js';
import type { DigestSubscription } from './types.js';

/** A slot older than this when kpibot gets to it is recorded `missed`, not sent late. */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60_000;

export function isTooOld(slot: Date, at: Date): boolean {
  return at.getTime() - slot.getTime() >= CATCH_UP_WINDOW_MS;
}

/** Settles a too-old slot: `sent` if a dead claimant's digest is found in the channel, `missed` otherwise. */
export async function settleTooOld(ctx: EngineContext, subscription: DigestSubscription, slot: Date, at: Date, summary: RunSummary): Promise<void> {
  const period = periodForRun(slot, subscription.zone);
  // A backoff does not matter any more: the slot will not be sent.
  const claim = await claimPeriod(ctx, subscription, period, 'schedule', at, { ignoreBackoff: true });
  if (claim.kind !== 'claimed') return;
  const missed = `kpibot was not running within 24 hours of the ${slot.toISOString()} slot.`;
  if (claim.recovering || claim.delivery.messageTs !== null) {
    const outcome = await recordWhatWasPosted(ctx, subscription, claim.delivery, period, missed);
    if (outcome.kind === 'sent') {
      summary.sent += 1;
      return;
    }
    if (outcome.kind === 'lost') return;
  }
  await ctx.deliveries.settle(claim.delivery.id, ctx.instanceId, { status: 'missed', at, error: missed });
  summary.missed += 1;
  ctx.logger.info('digest slot missed', { subscriptionId: subscription.id, period, slot: slot.toISOString() });
}

/**
 * Records a dead claimant's post, if any. When the channel cannot be searched, the slot is
 * settled `missed` all the same: left `sending`, its claim would never end.
 */
async function recordWhatWasPosted(
  ctx: EngineContext,
  subscription: DigestSubscription,
  delivery: Parameters<typeof deliverClaimed>[2],
  period: string,
  reason: string,
): Promise<DeliveryOutcome | { kind: 'unchecked' }> {
  try {
    const outcome = await deliverClaimed(ctx, subscription, delivery, { kind: 'skip', period, reason }, false);
    if (outcome.kind !== 'slack_failed') return outcome;
    ctx.logger.warn('could not look for the digest of a missed slot in its channel; recording it missed', { subscriptionId: subscription.id, period, slackError: outcome.failure.slackError });
  } catch (error) {
    ctx.logger.warn('could not look for the digest of a missed slot in its channel; recording it missed', { subscriptionId: subscription.id, period, error });
  }
  return { kind: 'unchecked' };
}
