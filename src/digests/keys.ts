/**
 * How a digest's work is named: its claim key (one per subscription, week and trigger) and what
 * its messages' metadata carry, so that recovery finds them in the channel after a crash.
 */
import type { MessageKey } from '../scheduling/port.js';

/** The metadata event type of every digest message; how recovery recognises them. */
export const DIGEST_EVENT_TYPE = 'kpibot_digest';

/**
 * `schedule`: the weekly slot. `manual`: Send now. Each has its own claim, so a stuck one never
 * blocks the other; each week still goes out once (`once-a-week.ts`).
 */
export type DigestTrigger = 'schedule' | 'manual';

/** The claim key of a digest: one per subscription, week and trigger. */
export function digestClaimKey(subscriptionId: string, period: string, trigger: DigestTrigger): string {
  return `${subscriptionId}/${period}/${trigger}`;
}

/** What a digest message's metadata names: which subscription, which week, which trigger (older messages lack it: schedule). */
export function digestMessageKey(subscriptionId: string, period: string, trigger: DigestTrigger): MessageKey {
  return { eventType: DIGEST_EVENT_TYPE, fields: { subscription_id: subscriptionId, period, trigger }, defaults: { trigger: 'schedule' } };
}
