/**
 * What every part of the digest engine works with, and the steps they share: claiming a
 * (subscription, period, trigger), delivering a claimed digest, building content, moving the
 * schedule on.
 */
import { describeFailure } from '../kpis/failure-sentences.js';
import type { Logger } from '../log.js';
import type { ClaimResult, DigestDeliveriesRepository, DigestDelivery, DigestDeliveryTrigger } from '../store/digest-deliveries-repository.js';
import type { DigestSubscriptionsRepository, SlotOutcome } from '../store/digest-subscriptions-repository.js';
import { deliverDigest, type DeliveryOutcome } from './deliver.js';
import type { DigestSlack } from './digest-slack.js';
import { nextRunAt } from './schedule.js';
import type { DigestContent, DigestContentSource, DigestSubscription } from './types.js';

/** A `sending` claim not renewed for this long is presumed dead (its process crashed). */
export const CLAIM_LEASE_MS = 5 * 60_000;

export interface EngineContext {
  subscriptions: DigestSubscriptionsRepository;
  deliveries: DigestDeliveriesRepository;
  content: DigestContentSource;
  slack: DigestSlack;
  logger: Logger;
  now: () => number;
  /** This engine's name in `claimed_by`. */
  instanceId: string;
  /** No other engine can be running on this database (the SQLite scheduler lock is held). */
  soleEngine: boolean;
  /** Workspaces whose bot token Slack refused, with Slack's error: nothing more is posted there until a restart. */
  haltedTeams: Map<string, string>;
}

/** What the lease rules need to judge a claim at `at` (see `isClaimDead`). */
export function leaseAt(ctx: EngineContext, at: Date) {
  return { at, leaseMs: CLAIM_LEASE_MS, othersAreDead: ctx.soleEngine, instanceId: ctx.instanceId };
}

export function claimPeriod(
  ctx: EngineContext,
  subscription: DigestSubscription,
  period: string,
  trigger: DigestDeliveryTrigger,
  at: Date,
  options: { ignoreBackoff?: boolean } = {},
): Promise<ClaimResult> {
  return ctx.deliveries.claim({ subscriptionId: subscription.id, period, trigger, channelId: subscription.channelId, ...leaseAt(ctx, at), ...options });
}

/** `postIfMissing` false: only record what a dead claimant already posted (a slot too old to send). */
export function deliverClaimed(ctx: EngineContext, subscription: DigestSubscription, delivery: DigestDelivery, content: DigestContent, postIfMissing = true): Promise<DeliveryOutcome> {
  return deliverDigest(
    { deliveries: ctx.deliveries, slack: ctx.slack, instanceId: ctx.instanceId, now: ctx.now, logger: ctx.logger },
    { subscription, delivery, content, postIfMissing },
  );
}

const NOT_BUILT = 'The digest could not be built for this subscription; kpibot logged the details.';

/** The sentence for a digest whose content could not be built. */
export function notBuiltReason(content: Error | undefined): string {
  return content ? describeFailure(content, 'reading the KPIs for the digest') : NOT_BUILT;
}

export function isBuilt(content: DigestContent | Error | undefined): content is DigestContent {
  return content !== undefined && !(content instanceof Error);
}

/** The content per subscription id, or the error that prevented building it (for all of them). */
export async function buildContents(ctx: EngineContext, subscriptions: DigestSubscription[], at: Date): Promise<Map<string, DigestContent | Error>> {
  try {
    return await ctx.content.build(subscriptions, at);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return new Map(subscriptions.map((s) => [s.id, failure]));
  }
}

/** Moves the schedule from `slot` to the next one (compare-and-set: a no-op when someone moved it already). */
export async function advanceSchedule(ctx: EngineContext, subscription: DigestSubscription, slot: Date, outcome: SlotOutcome): Promise<void> {
  await ctx.subscriptions.advance(subscription.id, slot, nextRunAt(subscription, slot), outcome);
}

/** How a settled delivery ended, for the subscription's failure count. */
export function slotOutcomeOf(delivery: DigestDelivery): SlotOutcome {
  if (delivery.status === 'failed') return { kind: 'failed', error: delivery.lastError };
  if (delivery.status === 'missed') return { kind: 'missed' };
  return { kind: 'done' };
}
