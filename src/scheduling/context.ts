/**
 * What every part of the scheduling core works with, and the steps they share: claiming a piece of
 * work, building content, moving a subject's schedule on. A `KindContext` is the core's context
 * with one kind plugged in; a kind's own flows (a digest's Send now) get theirs from the engine.
 */
import type { Logger } from '../log.js';
import { CLAIM_LEASE_MS, type Claim, type ClaimRequest, type ClaimResult, type ClaimsStore, type LeaseView } from './claims.js';
import type { ScheduledKind, SlotOutcome } from './kind.js';
import type { Pacer } from './pacing.js';
import type { PostPort } from './port.js';

export interface CoreContext<M> {
  claims: ClaimsStore;
  port: PostPort<M>;
  pacer: Pacer;
  logger: Logger;
  now: () => number;
  /** This engine's name in `claimed_by`. */
  instanceId: string;
  /** No other engine can be running on this database (the SQLite single-runner lock is held). */
  soleEngine: boolean;
  /** Workspaces whose bot token was refused, with the platform's error: nothing more is posted there until a restart. */
  haltedWorkspaces: Map<string, string>;
}

export interface KindContext<S, C, M> extends CoreContext<M> {
  kind: ScheduledKind<S, C, M>;
}

/** What the lease rules need to judge a claim at `at` (see `isClaimDead`). */
export function leaseAt(ctx: CoreContext<unknown>, at: Date): LeaseView {
  return { at, leaseMs: CLAIM_LEASE_MS, othersAreDead: ctx.soleEngine, instanceId: ctx.instanceId };
}

export function claimWork<S, C, M>(
  ctx: KindContext<S, C, M>,
  subject: S,
  claimKey: string,
  at: Date,
  options: Pick<ClaimRequest, 'ignoreBackoff' | 'reclaimable'> = {},
): Promise<ClaimResult> {
  const info = ctx.kind.subjectOf(subject);
  return ctx.claims.claim({ kind: ctx.kind.name, subjectId: info.id, claimKey, lane: info.lane, ...leaseAt(ctx, at), ...options });
}

export function isBuilt<C>(content: C | Error | undefined): content is C {
  return content !== undefined && !(content instanceof Error);
}

/** The content per subject id, or the error that prevented building it (for all of them). */
export async function buildContents<S, C, M>(ctx: KindContext<S, C, M>, subjects: readonly S[], slot: Date): Promise<Map<string, C | Error>> {
  try {
    return await ctx.kind.build(subjects, slot);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return new Map(subjects.map((s) => [ctx.kind.subjectOf(s).id, failure]));
  }
}

/** The sentence for content that could not be built. */
export function notBuiltReason<S, C, M>(ctx: KindContext<S, C, M>, content: Error | undefined): string {
  return ctx.kind.attention.notBuilt(content);
}

/** Moves the schedule from `slot` to the next one (compare-and-set: a no-op when someone moved it already). */
export async function advanceSchedule<S, C, M>(ctx: KindContext<S, C, M>, subject: S, slot: Date, outcome: SlotOutcome): Promise<void> {
  await ctx.kind.advance(subject, slot, ctx.kind.nextSlot(subject, slot), outcome);
}

/** How a settled claim ended, for the subject's failure count. */
export function slotOutcomeOf(claim: Claim): SlotOutcome {
  if (claim.status === 'failed') return { kind: 'failed', error: claim.lastError };
  if (claim.status === 'missed') return { kind: 'missed' };
  return { kind: 'done' };
}
