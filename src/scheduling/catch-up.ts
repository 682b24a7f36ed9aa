/**
 * Slots kpibot gets to more than 24 hours late (it was down): recorded `missed`, never sent late —
 * unless a crashed claimant had posted already, which is then recorded `sent`.
 */
import type { Claim } from './claims.js';
import { claimWork, type KindContext } from './context.js';
import { deliverClaimed, type DeliveryOutcome } from './deliver.js';
import type { RunSummary } from './run-summary.js';

/** A slot older than this when kpibot gets to it is recorded `missed`, not sent late. */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60_000;

export function isTooOld(slot: Date, at: Date): boolean {
  return at.getTime() - slot.getTime() >= CATCH_UP_WINDOW_MS;
}

/** Settles a too-old slot: `sent` if a dead claimant's post is found in the lane, `missed` otherwise. */
export async function settleTooOld<S, C, M>(ctx: KindContext<S, C, M>, subject: S, slot: Date, at: Date, summary: RunSummary): Promise<void> {
  // A backoff does not matter any more: the slot will not be sent.
  const claim = await claimWork(ctx, subject, ctx.kind.claimKey(subject, slot), at, { ignoreBackoff: true });
  if (claim.kind !== 'claimed') return;
  const missed = `kpibot was not running within 24 hours of the ${slot.toISOString()} slot.`;
  if (claim.recovering || claim.claim.messageRef !== null) {
    const outcome = await recordWhatWasPosted(ctx, subject, slot, claim.claim, missed);
    if (outcome.kind === 'sent') {
      summary.sent += 1;
      return;
    }
    if (outcome.kind === 'lost') return;
  }
  await ctx.claims.settle(claim.claim.id, ctx.instanceId, { status: 'missed', at, error: missed });
  summary.missed += 1;
  ctx.logger.info('slot missed', { kind: ctx.kind.name, subjectId: claim.claim.subjectId, claimKey: claim.claim.claimKey, slot: slot.toISOString() });
}

/**
 * Records a dead claimant's post, if any. When the lane cannot be searched, the slot is settled
 * `missed` all the same: left `sending`, its claim would never end.
 */
async function recordWhatWasPosted<S, C, M>(ctx: KindContext<S, C, M>, subject: S, slot: Date, claim: Claim, reason: string): Promise<DeliveryOutcome | { kind: 'unchecked' }> {
  const fields = { kind: ctx.kind.name, subjectId: claim.subjectId, claimKey: claim.claimKey };
  try {
    const outcome = await deliverClaimed(ctx, {
      subjectId: claim.subjectId,
      claim,
      key: ctx.kind.messageKey(subject, slot),
      rendered: { kind: 'skip', reason },
      postIfMissing: false,
    });
    if (outcome.kind !== 'post_failed') return outcome;
    ctx.logger.warn('could not look for the post of a missed slot in its channel; recording it missed', { ...fields, code: outcome.failure.code });
  } catch (error) {
    ctx.logger.warn('could not look for the post of a missed slot in its channel; recording it missed', { ...fields, error });
  }
  return { kind: 'unchecked' };
}
