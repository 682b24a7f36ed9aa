/**
 * What the core does when the lane will not take a post, and the sentence for a person waiting:
 * - channel gone → the subject is paused with its reason and its owner gets a direct message;
 * - token refused → all work of the workspace stops (one log line) and the claim stays retryable;
 * - rate limited → the claim goes back uncounted;
 * - refused → failed (`finalOnRefusal`, e.g. Send now) or given back counted;
 * - unknown outcome → the claim stays `sending` so that, after the lease, the next claimant looks
 *   in the lane before posting.
 */
import type { Claim } from './claims.js';
import type { KindContext } from './context.js';
import type { PostFailure } from './port.js';

/** Acts on `failure`; returns the sentence for a person. `finalOnRefusal`: a refusal ends the claim `failed`. */
export async function handlePostFailure<S, C, M>(
  ctx: KindContext<S, C, M>,
  subject: S,
  claim: Claim,
  failure: PostFailure,
  options: { countAttempt: boolean; finalOnRefusal: boolean },
): Promise<string> {
  const at = new Date(ctx.now());
  const { attention } = ctx.kind;
  const info = ctx.kind.subjectOf(subject);
  const fields = { kind: ctx.kind.name, subjectId: info.id, lane: claim.lane, code: failure.code };
  switch (failure.kind) {
    case 'channel_gone': {
      const reason = attention.pausedReason(failure.code, claim.lane);
      await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'failed', at, error: reason });
      await ctx.kind.pause(subject, reason);
      await ctx.port.notify(info.ownerUserId, attention.ownerNotice(failure.code, claim.lane));
      ctx.logger.warn('paused: kpibot may not post in its channel', fields);
      return reason;
    }
    case 'token_refused':
      await ctx.claims.release(claim.id, ctx.instanceId, { error: `Slack refused the bot token (${failure.code}).`, countAttempt: false });
      if (!ctx.haltedWorkspaces.has(info.workspace)) {
        ctx.haltedWorkspaces.set(info.workspace, failure.code);
        ctx.logger.error(attention.tokenRefusedLogLine(failure.code, info.workspace), { workspace: info.workspace, code: failure.code });
      }
      return attention.tokenRefused(failure.code);
    case 'rate_limited':
      await ctx.claims.release(claim.id, ctx.instanceId, { error: 'Slack rate limited the post.', countAttempt: false });
      return attention.rateLimited();
    case 'refused': {
      const reason = attention.refused(failure.code);
      if (options.finalOnRefusal) await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'failed', at, error: reason });
      else await ctx.claims.release(claim.id, ctx.instanceId, { error: reason, countAttempt: options.countAttempt });
      ctx.logger.warn('the post was refused', fields);
      return reason;
    }
    case 'unknown':
      ctx.logger.warn('a post may or may not have reached the channel; it will be checked after the claim lease', { ...fields, claimKey: claim.claimKey });
      return attention.unknownOutcome();
  }
}
