/**
 * Delivers one claimed digest, outbox style: every step that reaches Slack is followed by a write
 * that records it, and every post is preceded by renewing the claim. So after any crash the
 * delivery row (plus, for the one step that may be unrecorded, the digest's metadata in the
 * channel) says exactly what is in Slack, and the next claimant posts only what is missing.
 *
 * Thread continuation after a crash: the first message is never posted twice — if the channel
 * already has it (found by its metadata), the remaining parts go into its thread; parts already in
 * the thread (also found by their metadata) are not reposted. If the content built on recovery has
 * fewer parts than were posted, the delivery is accepted as sent.
 */
import type { Logger } from '../log.js';
import type { DigestDeliveriesRepository, DigestDelivery } from '../store/digest-deliveries-repository.js';
import { DigestSlackError, type DigestMessageKey, type DigestSlack } from './digest-slack.js';
import type { DigestContent, DigestSubscription } from './types.js';

/** How far before a dead claim's last renewal its first message may have been posted. */
export const RECOVERY_MARGIN_MS = 5 * 60_000;

/**
 * - `sent` / `skipped`: settled here;
 * - `channel_gone`, `auth`, `rate_limited`, `refused`, `unknown`: Slack's failure, for the engine
 *   to act on (nothing was settled; the claim is still `sending` and this instance's);
 * - `not_found`: a recovery (`postIfMissing` false) found nothing in Slack;
 * - `lost`: the claim is no longer this instance's (taken over, or the subscription removed).
 */
export type DeliveryOutcome =
  | { kind: 'sent'; messageTs: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'slack_failed'; failure: DigestSlackError }
  | { kind: 'not_found' }
  | { kind: 'lost' };

export interface DeliverDeps {
  deliveries: DigestDeliveriesRepository;
  slack: DigestSlack;
  instanceId: string;
  now: () => number;
  logger: Logger;
}

export interface DeliverRequest {
  subscription: DigestSubscription;
  delivery: DigestDelivery;
  content: DigestContent;
  /** False for a slot too old to send: only record what a dead claimant already posted. */
  postIfMissing?: boolean;
  /** How many times to wait out a 429 before giving the claim back. Default 3. */
  rateLimitRetries?: number;
}

export async function deliverDigest(deps: DeliverDeps, request: DeliverRequest): Promise<DeliveryOutcome> {
  const { deliveries, slack, instanceId } = deps;
  const { subscription, delivery, content } = request;
  const key: DigestMessageKey = { subscriptionId: subscription.id, period: delivery.period, trigger: delivery.trigger };
  const channel = delivery.channelId;
  let messageTs = delivery.messageTs;
  let partsPosted = delivery.partsPosted;

  try {
    // A dead claimant may have posted: look before posting, and record the look (even when it
    // found nothing) so that only a search that succeeded ends the doubt.
    if (delivery.needsLookupSince !== null) {
      const oldest = new Date(delivery.needsLookupSince.getTime() - RECOVERY_MARGIN_MS);
      const found = await slack.findPosted(channel, key, oldest, messageTs);
      const more = found.messageTs !== null && (found.messageTs !== messageTs || found.partsPosted > partsPosted);
      if (more) {
        messageTs = found.messageTs;
        partsPosted = Math.max(partsPosted, found.partsPosted);
      }
      if (!(await deliveries.recordLookup(delivery.id, instanceId, more ? { messageTs: messageTs!, partsPosted } : undefined))) return { kind: 'lost' };
      if (more) deps.logger.info('digest found in Slack after a crash; not posting it again', { subscriptionId: subscription.id, period: delivery.period, messageTs, partsPosted });
    }
    if (request.postIfMissing === false) {
      if (messageTs === null) return { kind: 'not_found' };
      return settleSent(deps, delivery, messageTs);
    }

    if (content.kind === 'skip') {
      // A first message already in Slack wins over a later decision to skip.
      if (messageTs !== null) return settleSent(deps, delivery, messageTs);
      if (!(await deliveries.settle(delivery.id, instanceId, { status: 'skipped', at: new Date(deps.now()), error: content.reason }))) return { kind: 'lost' };
      return { kind: 'skipped', reason: content.reason };
    }

    for (let part = partsPosted; part < content.messages.length; part += 1) {
      const threadTs = part === 0 ? undefined : (messageTs ?? undefined);
      const ts = await postWithRetries(deps, request, key, part, threadTs);
      if (ts === 'lost') return { kind: 'lost' };
      if (part === 0) messageTs = ts;
      if (!(await deliveries.recordProgress(delivery.id, instanceId, { messageTs: messageTs!, partsPosted: part + 1 }))) {
        deps.logger.warn('a digest part was posted after the claim was taken over', { subscriptionId: subscription.id, period: delivery.period, part });
        return { kind: 'lost' };
      }
    }
    if (messageTs === null) {
      // The content source built a post without messages: nothing to say is a skip.
      if (!(await deliveries.settle(delivery.id, instanceId, { status: 'skipped', at: new Date(deps.now()), error: 'The digest had no messages.' }))) return { kind: 'lost' };
      return { kind: 'skipped', reason: 'The digest had no messages.' };
    }
    return settleSent(deps, delivery, messageTs);
  } catch (error) {
    if (error instanceof DigestSlackError) return { kind: 'slack_failed', failure: error };
    throw error;
  }
}

/**
 * Waits the channel's turn, renews the claim, then posts; waits out up to `rateLimitRetries` 429s.
 * Renewing after the wait, right before the HTTP call, keeps a long wait (a Retry-After) from
 * making the claim look dead while its post is still to come.
 */
async function postWithRetries(
  deps: DeliverDeps,
  request: DeliverRequest,
  key: DigestMessageKey,
  part: number,
  threadTs: string | undefined,
): Promise<string | 'lost'> {
  const content = request.content as Extract<DigestContent, { kind: 'post' }>;
  const retries = request.rateLimitRetries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    await deps.slack.waitTurn(request.delivery.channelId);
    if (!(await deps.deliveries.renew(request.delivery.id, deps.instanceId, new Date(deps.now())))) return 'lost';
    try {
      return await deps.slack.post(request.delivery.channelId, content.messages[part]!, key, part, threadTs);
    } catch (error) {
      if (!(error instanceof DigestSlackError) || error.kind !== 'rate_limited' || attempt >= retries) throw error;
      deps.logger.info('Slack rate limited a digest post; waiting for Retry-After', { channel: request.delivery.channelId, retryAfterSeconds: error.retryAfterSeconds });
    }
  }
}

async function settleSent(deps: DeliverDeps, delivery: DigestDelivery, messageTs: string): Promise<DeliveryOutcome> {
  if (!(await deps.deliveries.settle(delivery.id, deps.instanceId, { status: 'sent', at: new Date(deps.now()) }))) return { kind: 'lost' };
  return { kind: 'sent', messageTs };
}
