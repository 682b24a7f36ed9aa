/**
 * One subject's turn in a scheduled run: claim the slot that is due (after settling slots too old
 * to send), then deliver it with the content built for its slot, and move the schedule on once
 * the slot is settled.
 */
import { isTooOld, settleTooOld } from './catch-up.js';
import type { Claim } from './claims.js';
import { advanceSchedule, claimWork, isBuilt, notBuiltReason, slotOutcomeOf, type KindContext } from './context.js';
import { deliverClaimed } from './deliver.js';
import { handlePostFailure } from './post-failures.js';
import { retryOrFail } from './retry-policy.js';
import type { RunSummary } from './run-summary.js';

/** A slot this engine claimed and will deliver. */
export interface ClaimedSlot<S> {
  subject: S;
  slot: Date;
  claim: Claim;
}

/** Settles slots too old to send, then claims the current one; undefined when there is nothing to deliver now. */
export async function claimDue<S, C, M>(ctx: KindContext<S, C, M>, subject: S, at: Date, summary: RunSummary): Promise<ClaimedSlot<S> | undefined> {
  const { kind } = ctx;
  const stored = kind.slotOf(subject);
  let slot = stored;
  while (isTooOld(slot, at)) {
    await settleTooOld(ctx, subject, slot, at, summary);
    slot = kind.nextSlot(subject, slot);
  }
  if (slot.getTime() !== stored.getTime()) {
    if (!(await kind.advance(subject, stored, slot, { kind: 'missed' }))) return undefined;
    if (slot > at) return undefined;
  }

  const result = await claimWork(ctx, subject, kind.claimKey(subject, slot), at);
  switch (result.kind) {
    case 'busy':
      summary.busy += 1;
      return undefined;
    case 'waiting':
      summary.retrying += 1;
      return undefined;
    case 'settled':
      // Settled by an instance that stopped before moving the schedule on: move it now.
      await advanceSchedule(ctx, subject, slot, slotOutcomeOf(result.claim));
      return undefined;
    case 'claimed':
      break;
  }
  const claim = result.claim;
  const gate = kind.gate ? await kind.gate(subject, slot, at) : { kind: 'go' as const };
  switch (gate.kind) {
    case 'skip':
      await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'skipped', at, error: gate.reason });
      await advanceSchedule(ctx, subject, slot, { kind: 'done' });
      summary.skipped += 1;
      return undefined;
    case 'wait':
      await ctx.claims.release(claim.id, ctx.instanceId, { error: gate.reason, countAttempt: false });
      summary[gate.summary] += 1;
      return undefined;
    case 'go':
      return { subject, slot, claim };
  }
}

/** Delivers a claimed slot with its content (or the error that kept it from being built). */
export async function deliverScheduled<S, C, M>(ctx: KindContext<S, C, M>, item: ClaimedSlot<S>, content: C | Error | undefined, summary: RunSummary): Promise<void> {
  const { subject, claim, slot } = item;
  if (!isBuilt(content)) {
    if (content instanceof Error) ctx.logger.warn('building the content failed', { kind: ctx.kind.name, subjectId: claim.subjectId, error: content });
    await retryOrFail(ctx, subject, claim, slot, notBuiltReason(ctx, content), summary);
    return;
  }
  const { kind } = ctx;
  const outcome = await deliverClaimed(ctx, {
    subjectId: claim.subjectId,
    claim,
    key: ctx.kind.messageKey(subject, slot),
    rendered: ctx.kind.render(content),
    ...(kind.recordSent ? { beforeSettle: async (messageRef: string) => kind.recordSent?.(subject, slot, content, messageRef) } : {}),
  });
  switch (outcome.kind) {
    case 'sent':
    case 'skipped':
      summary[outcome.kind] += 1;
      await advanceSchedule(ctx, subject, slot, { kind: 'done' });
      return;
    case 'post_failed': {
      const failure = outcome.failure;
      if (failure.kind === 'refused') {
        await retryOrFail(ctx, subject, claim, slot, ctx.kind.attention.refused(failure.code), summary);
        return;
      }
      await handlePostFailure(ctx, subject, claim, failure, { countAttempt: false, finalOnRefusal: false });
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
