/**
 * How a scheduled digest is retried between heartbeats when Gtmhub fails or Slack refuses it:
 * a few tries, further and further apart, so that an outage of an hour or so still ends in a sent
 * digest; then `failed` with the reason, and the schedule moves to next week.
 */
import type { DigestDelivery } from '../store/digest-deliveries-repository.js';
import { advanceSchedule, type EngineContext } from './engine-context.js';
import type { RunSummary } from './run-summary.js';
import type { DigestSubscription } from './types.js';

/** Tries of one scheduled delivery (Gtmhub errors, Slack refusals) before it is marked `failed`. */
export const MAX_ATTEMPTS = 5;

/** The wait after the 1st, 2nd, … failed try: 1, 5, 15, then 60 minutes (about 81 minutes in all). */
export const RETRY_DELAYS_MS: readonly number[] = [1, 5, 15, 60].map((minutes) => minutes * 60_000);

/** How long to wait after `failedTries` failed tries (1 = the first failure). */
export function retryDelayAfter(failedTries: number): number {
  return RETRY_DELAYS_MS[Math.min(failedTries, RETRY_DELAYS_MS.length) - 1]!;
}

/** Gives the claim back with a backoff, or, with no tries left, marks it failed and moves on. */
export async function retryOrFail(ctx: EngineContext, subscription: DigestSubscription, delivery: DigestDelivery, slot: Date, reason: string, summary: RunSummary): Promise<void> {
  const failedTries = delivery.attempts + 1;
  const at = new Date(ctx.now());
  if (failedTries >= MAX_ATTEMPTS) {
    await ctx.deliveries.settle(delivery.id, ctx.instanceId, { status: 'failed', at, error: reason });
    await advanceSchedule(ctx, subscription, slot, { kind: 'failed', error: reason });
    summary.failed += 1;
    ctx.logger.warn('digest failed after its last try', { subscriptionId: subscription.id, period: delivery.period, attempts: failedTries, reason });
    return;
  }
  const retryAt = new Date(at.getTime() + retryDelayAfter(failedTries));
  await ctx.deliveries.release(delivery.id, ctx.instanceId, { error: reason, countAttempt: true, retryAt });
  summary.retrying += 1;
}
