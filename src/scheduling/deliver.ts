/**
 * Delivers one claimed piece of work, outbox style: every step that reaches the lane is followed
 * by a write that records it, and every post is preceded by renewing the claim. So after any crash
 * the claim (plus, for the one step that may be unrecorded, the messages' metadata in the lane)
 * says exactly what was posted, and the next claimant posts only what is missing.
 *
 * Thread continuation after a crash: the first message is never posted twice — if the lane
 * already has it (found by its metadata), the remaining parts go into its thread; parts already in
 * the thread (also found by their metadata) are not reposted. If the content built on recovery has
 * fewer parts than were posted, the work is accepted as sent.
 */
import type { Claim } from './claims.js';
import type { CoreContext } from './context.js';
import type { Rendered } from './kind.js';
import type { LookupOutcome, MessageKey, PostFailure, PostOutcome } from './port.js';

/** A wait for the lane's turn this long renews the claim again before the post. */
const RENEW_AFTER_WAIT_MS = 10_000;

/** How far before a dead claim's last renewal its first message may have been posted. */
export const RECOVERY_MARGIN_MS = 5 * 60_000;

/**
 * - `sent` / `skipped`: settled here;
 * - `post_failed`: the port's failure, for the caller to act on (nothing was settled; the claim is
 *   still `sending` and this instance's);
 * - `not_found`: a recovery (`postIfMissing` false) found nothing in the lane;
 * - `lost`: the claim is no longer this instance's (taken over, or its subject removed).
 */
export type DeliveryOutcome =
  | { kind: 'sent'; messageRef: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'post_failed'; failure: PostFailure }
  | { kind: 'not_found' }
  | { kind: 'lost' };

export interface DeliverRequest<M> {
  /** For log lines. */
  subjectId: string;
  claim: Claim;
  key: MessageKey;
  rendered: Rendered<M>;
  /** False for a slot too old to send: only record what a dead claimant already posted. */
  postIfMissing?: boolean;
  /** How many times to wait out a rate limit before giving the claim back. Default 3. */
  rateLimitRetries?: number;
  /** What to record of the posted work before the claim settles `sent` (the kind's `recordSent`). */
  beforeSettle?: (messageRef: string) => Promise<void>;
}

export async function deliverClaimed<M>(ctx: CoreContext<M>, request: DeliverRequest<M>): Promise<DeliveryOutcome> {
  const { claims, instanceId } = ctx;
  const { claim, key, rendered } = request;
  const lane = claim.lane;
  let messageRef = claim.messageRef;
  let partsPosted = claim.partsPosted;

  // A dead claimant may have posted: look before posting, and record the look (even when it
  // found nothing) so that only a search that succeeded ends the doubt.
  if (claim.needsLookupSince !== null) {
    const since = new Date(claim.needsLookupSince.getTime() - RECOVERY_MARGIN_MS);
    const found = await lookUp(ctx, lane, key, since, messageRef);
    if (found.kind !== 'found') return { kind: 'post_failed', failure: found };
    const more = found.ref !== null && (found.ref !== messageRef || found.partsPosted > partsPosted);
    if (more) {
      messageRef = found.ref;
      partsPosted = Math.max(partsPosted, found.partsPosted);
    }
    if (!(await claims.recordLookup(claim.id, instanceId, more ? { messageRef: messageRef!, partsPosted } : undefined))) return { kind: 'lost' };
    if (more) ctx.logger.info('found in the channel after a crash; not posting it again', { kind: claim.kind, subjectId: request.subjectId, claimKey: claim.claimKey, messageRef, partsPosted });
  }
  if (request.postIfMissing === false) {
    if (messageRef === null) return { kind: 'not_found' };
    return settleSent(ctx, claim, messageRef, request.beforeSettle);
  }

  if (rendered.kind === 'skip') {
    // A first message already in the lane wins over a later decision to skip.
    if (messageRef !== null) return settleSent(ctx, claim, messageRef, request.beforeSettle);
    if (!(await claims.settle(claim.id, instanceId, { status: 'skipped', at: new Date(ctx.now()), error: rendered.reason }))) return { kind: 'lost' };
    return { kind: 'skipped', reason: rendered.reason };
  }

  for (let part = partsPosted; part < rendered.messages.length; part += 1) {
    const threadRef = part === 0 ? undefined : (messageRef ?? undefined);
    const posted = await postWithRetries(ctx, request, rendered.messages[part]!, part, threadRef);
    if (posted === 'lost') return { kind: 'lost' };
    if (posted.kind !== 'delivered') return { kind: 'post_failed', failure: posted };
    if (part === 0) messageRef = posted.ref;
    if (!(await claims.recordProgress(claim.id, instanceId, { messageRef: messageRef!, partsPosted: part + 1 }))) {
      ctx.logger.warn('a part was posted after the claim was taken over', { kind: claim.kind, subjectId: request.subjectId, claimKey: claim.claimKey, part });
      return { kind: 'lost' };
    }
  }
  if (messageRef === null) {
    // Content rendered to no message at all: nothing to say is a skip.
    const reason = 'There were no messages to post.';
    if (!(await claims.settle(claim.id, instanceId, { status: 'skipped', at: new Date(ctx.now()), error: reason }))) return { kind: 'lost' };
    return { kind: 'skipped', reason };
  }
  return settleSent(ctx, claim, messageRef, request.beforeSettle);
}

/** Looks in a lane for what a key posted, remembering a rate limit for the lane's pacing. */
export async function lookUp<M>(ctx: CoreContext<M>, lane: string, key: MessageKey, since: Date, knownRef: string | null): Promise<LookupOutcome> {
  await ctx.pacer.waitTurn(lane, 'lookup');
  const found = await ctx.port.findPosted(lane, key, since, knownRef);
  if (found.kind === 'rate_limited') ctx.pacer.rateLimited(lane, found.retryAfterMs, 'lookup');
  return found;
}

/**
 * Renews the claim, waits the lane's turn, then posts; waits out up to `rateLimitRetries` rate
 * limits.
 */
async function postWithRetries<M>(ctx: CoreContext<M>, request: DeliverRequest<M>, message: M, part: number, threadRef: string | undefined): Promise<PostOutcome | 'lost'> {
  const { claim } = request;
  const retries = request.rateLimitRetries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    // Renewed before the wait, so that the post leaves right when its turn comes (a store write
    // between the turn and the post would shift it into the next post's slot); renewed again after
    // a long wait (a Retry-After), so that the claim never looks dead while its post is still to come.
    if (!(await ctx.claims.renew(claim.id, ctx.instanceId, new Date(ctx.now())))) return 'lost';
    const before = ctx.now();
    await ctx.pacer.waitTurn(claim.lane);
    if (ctx.now() - before >= RENEW_AFTER_WAIT_MS && !(await ctx.claims.renew(claim.id, ctx.instanceId, new Date(ctx.now())))) return 'lost';
    // The lane's pace counts from when the post left: that is when Slack counts it.
    ctx.pacer.sent(claim.lane);
    const outcome = await ctx.port.post(claim.lane, message, request.key, part, threadRef);
    if (outcome.kind === 'delivered') return outcome;
    if (outcome.kind !== 'rate_limited') return outcome;
    ctx.pacer.rateLimited(claim.lane, outcome.retryAfterMs);
    if (attempt >= retries) return outcome;
    ctx.logger.info('rate limited; waiting for Retry-After', { kind: claim.kind, lane: claim.lane, retryAfterMs: outcome.retryAfterMs });
  }
}

async function settleSent<M>(ctx: CoreContext<M>, claim: Claim, messageRef: string, beforeSettle?: (messageRef: string) => Promise<void>): Promise<DeliveryOutcome> {
  await beforeSettle?.(messageRef);
  if (!(await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'sent', at: new Date(ctx.now()) }))) return { kind: 'lost' };
  return { kind: 'sent', messageRef };
}
