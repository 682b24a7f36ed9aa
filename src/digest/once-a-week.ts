/**
 * Each subscription gets each week once, whichever way it goes out: the weekly slot and Send now
 * claim apart (a stuck one never blocks the other), and each looks at the other's delivery of the
 * same week right after claiming. A claim is written before it is read back, so of two racing
 * claimants at least one sees the other and stands back.
 */
import { isClaimDead, type DigestDelivery } from '../store/digest-deliveries-repository.js';
import { RECOVERY_MARGIN_MS } from './deliver.js';
import { DigestSlackError } from './digest-slack.js';
import { leaseAt, type EngineContext } from './engine-context.js';
import type { DigestSubscription } from './types.js';

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
export async function sendNowOfWeek(ctx: EngineContext, subscription: DigestSubscription, period: string, at: Date): Promise<OtherDelivery> {
  const manual = await ctx.deliveries.get(subscription.id, period, 'manual');
  if (!manual) return 'not_sent';
  const known = knownState(manual);
  if (known !== 'in_progress') return known;
  if (manual.status === 'sending' && !isClaimDead(manual, leaseAt(ctx, at))) return 'in_progress';
  // A Send now that died mid-post (or whose post timed out) and that nobody clicked again: look.
  const since = manual.needsLookupSince ?? manual.claimedAt;
  try {
    const key = { subscriptionId: subscription.id, period, trigger: 'manual' as const };
    const found = await ctx.slack.findPosted(manual.channelId, key, new Date(since.getTime() - RECOVERY_MARGIN_MS), null);
    return found.messageTs !== null ? 'sent' : 'not_sent';
  } catch (error) {
    if (!(error instanceof DigestSlackError)) throw error;
    ctx.logger.warn('could not look for a Send now digest in its channel; the scheduled one waits', { subscriptionId: subscription.id, period, slackError: error.slackError });
    return 'unknown';
  }
}

/** For Send now: what the schedule did with this week. Never searches Slack: the heartbeat resolves its own doubts. */
export function scheduledOfWeek(scheduled: DigestDelivery | undefined): Exclude<OtherDelivery, 'unknown'> {
  return scheduled ? knownState(scheduled) : 'not_sent';
}

/** What the row alone says; `in_progress` covers "being sent" and "may have been posted". */
function knownState(delivery: DigestDelivery): Exclude<OtherDelivery, 'unknown'> {
  if (delivery.status === 'sent' || delivery.messageTs !== null) return 'sent';
  if (delivery.status === 'sending' || delivery.needsLookupSince !== null) return 'in_progress';
  return 'not_sent';
}
