/**
 * How scheduled work is retried between heartbeats when its content cannot be built (Gtmhub
 * fails) or the post is refused: a few tries, further and further apart, so that an outage of an
 * hour or so still ends in a sent post; then `failed` with the reason, and the schedule moves on.
 */
import type { Claim } from './claims.js';
import { advanceSchedule, type KindContext } from './context.js';
import type { RunSummary } from './run-summary.js';

/** Tries of one scheduled delivery (build errors, refusals) before it is marked `failed`. */
export const MAX_ATTEMPTS = 5;

/** The wait after the 1st, 2nd, … failed try: 1, 5, 15, then 60 minutes (about 81 minutes in all). */
export const RETRY_DELAYS_MS: readonly number[] = [1, 5, 15, 60].map((minutes) => minutes * 60_000);

/** How long to wait after `failedTries` failed tries (1 = the first failure). */
export function retryDelayAfter(failedTries: number): number {
  return RETRY_DELAYS_MS[Math.min(failedTries, RETRY_DELAYS_MS.length) - 1]!;
}

/** Gives the claim back with a backoff, or, with no tries left, marks it failed and moves on. */
export async function retryOrFail<S, C, M>(ctx: KindContext<S, C, M>, subject: S, claim: Claim, slot: Date, reason: string, summary: RunSummary): Promise<void> {
  const failedTries = claim.attempts + 1;
  const at = new Date(ctx.now());
  if (failedTries >= MAX_ATTEMPTS) {
    await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'failed', at, error: reason });
    await advanceSchedule(ctx, subject, slot, { kind: 'failed', error: reason });
    summary.failed += 1;
    ctx.logger.warn('failed after its last try', { kind: claim.kind, claimKey: claim.claimKey, attempts: failedTries, reason });
    return;
  }
  const retryAt = new Date(at.getTime() + retryDelayAfter(failedTries));
  await ctx.claims.release(claim.id, ctx.instanceId, { error: reason, countAttempt: true, retryAt });
  summary.retrying += 1;
}
