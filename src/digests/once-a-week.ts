/**
 * Each subscription gets each week once, whichever way it goes out: the weekly slot and Send now
 * claim apart (a stuck one never blocks the other), and each looks at the other's delivery of the
 * same week right after claiming. A claim is written before it is read back, so of two racing
 * claimants at least one sees the other and stands back.
 */
import { isClaimDead, type Claim } from '../scheduling/claims.js';
import { leaseAt, type KindContext } from '../scheduling/context.js';
import { lookUp, RECOVERY_MARGIN_MS } from '../scheduling/deliver.js';
import { digestClaimKey, digestMessageKey } from './keys.js';
import type { DigestReport } from './report.js';
import type { DigestSubscription } from './types.js';

/** The core's context as the digest sees it. */
export type DigestContext<M = unknown> = KindContext<DigestSubscription, DigestReport, M>;

/** The `skipped` reason of a scheduled week that Send now had posted. */
export const ALREADY_SENT_ON_REQUEST = 'already sent on request';
/** The `skipped` reason of a Send now for a week the schedule had posted. */
export const ALREADY_SENT_ON_SCHEDULE = 'already sent on schedule';
/** The `skipped` reason of a Send now that stood back for the scheduled delivery under way. */
export const SCHEDULED_DELIVERY_UNDER_WAY = 'the scheduled digest of this week was being sent';

/**
 * - `sent`: the other trigger's digest of this week is in Slack (at least its first message);
 * - `in_progress`: the other is being delivered, or what it posted is still unknown;
 * - `not_sent`: nothing of it is in Slack; go ahead;
 * - `unknown`: Slack could not be searched (retry later).
 */
export type OtherDelivery = 'sent' | 'in_progress' | 'not_sent' | 'unknown';

/** For the scheduled run: what Send now did with this week. A dead Send now is looked for in the channel. */
export async function sendNowOfWeek<M>(ctx: DigestContext<M>, subscription: DigestSubscription, period: string, at: Date): Promise<OtherDelivery> {
  const manual = await ctx.claims.get(ctx.kind.name, digestClaimKey(subscription.id, period, 'manual'));
  if (!manual) return 'not_sent';
  const known = knownState(manual);
  if (known !== 'in_progress') return known;
  if (manual.status === 'sending' && !isClaimDead(manual, leaseAt(ctx, at))) return 'in_progress';
  // A Send now that died mid-post (or whose post timed out) and that nobody clicked again: look.
  const since = manual.needsLookupSince ?? manual.claimedAt;
  const found = await lookUp(ctx, manual.lane, digestMessageKey(subscription.id, period, 'manual'), new Date(since.getTime() - RECOVERY_MARGIN_MS), null);
  if (found.kind === 'found') return found.ref !== null ? 'sent' : 'not_sent';
  ctx.logger.warn('could not look for a Send now digest in its channel; the scheduled one waits', { subscriptionId: subscription.id, period, code: found.code });
  return 'unknown';
}

/** For Send now: what the schedule did with this week. Never searches Slack: the heartbeat resolves its own doubts. */
export function scheduledOfWeek(scheduled: Claim | undefined): Exclude<OtherDelivery, 'unknown'> {
  return scheduled ? knownState(scheduled) : 'not_sent';
}

/** What the row alone says; `in_progress` covers "being sent" and "may have been posted". */
function knownState(delivery: Claim): Exclude<OtherDelivery, 'unknown'> {
  if (delivery.status === 'sent' || delivery.messageRef !== null) return 'sent';
  if (delivery.status === 'sending' || delivery.needsLookupSince !== null) return 'in_progress';
  return 'not_sent';
}
