/**
 * Digest deliveries: one row per (subscription, period, trigger), UNIQUE, inserted *before*
 * anything is posted. The insert is the claim: whoever inserts first delivers that period, and a
 * conflict means another instance (or an earlier run) has it. The row then records what reached
 * Slack (the first message's ts, how many thread parts), so a crash never makes kpibot post twice.
 *
 * Every write after the claim is a compare-and-set on `claimed_by`: an instance whose claim was
 * taken over (its lease ran out) finds out on its next write and stops.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { fromStoredInstant, toStoredInstant } from './instant.js';
import type { Database, DigestDeliveriesTable } from './schema.js';

/**
 * - `sending`: claimed; posting may be under way (or the claimant died: see the lease);
 * - `retrying`: the last try failed before anything more was posted; the next heartbeat tries again;
 * - `sent`, `skipped` (nothing to post, e.g. no value changed), `missed` (the slot was over 24 h old
 *   when kpibot came back), `failed` (retries exhausted or the channel is gone): final.
 */
export type DigestDeliveryStatus = 'sending' | 'retrying' | 'sent' | 'skipped' | 'missed' | 'failed';

/**
 * `schedule`: the weekly slot. `manual`: Send now. Each has its own claim, so a stuck one never
 * blocks the other; the engine still sends each week once (`once-a-week.ts`).
 */
export type DigestDeliveryTrigger = 'schedule' | 'manual';

export const FINAL_DELIVERY_STATUSES: readonly DigestDeliveryStatus[] = ['sent', 'skipped', 'missed', 'failed'];

export interface DigestDelivery {
  id: string;
  subscriptionId: string;
  /** The ISO week reported on, e.g. `2026-W10`. */
  period: string;
  trigger: DigestDeliveryTrigger;
  channelId: string;
  status: DigestDeliveryStatus;
  claimedAt: Date;
  /** The instance id of the claimant (host, pid and a random part). */
  claimedBy: string;
  /** Failed tries counted against the retry budget (Gtmhub errors, Slack refusals); not crashes or revoked tokens. */
  attempts: number;
  /** One sentence: why the last try failed, or why it was skipped. */
  lastError: string | null;
  /** The ts of the digest's first (channel) message, once posted. */
  messageTs: string | null;
  /** How many of the digest's messages are in Slack: the first, then thread replies. */
  partsPosted: number;
  sentAt: Date | null;
  /**
   * Set when a dead claim was taken over: whether the digest reached Slack is unknown until the
   * channel was searched from this instant (the dead claimant's last renewal). Survives failed
   * tries; cleared only once the search succeeded.
   */
  needsLookupSince: Date | null;
  /** A `retrying` delivery is not tried again by the schedule before this instant (backoff). */
  nextAttemptAt: Date | null;
}

export interface ClaimRequest {
  subscriptionId: string;
  period: string;
  trigger: DigestDeliveryTrigger;
  channelId: string;
  instanceId: string;
  at: Date;
  /** A `sending` claim older than this is presumed dead and may be taken over. */
  leaseMs: number;
  /** Treat every `sending` claim of another instance as dead (the SQLite scheduler lock guarantees no other runs). */
  othersAreDead?: boolean;
  /** Take a `retrying` delivery even before its `nextAttemptAt` (a slot too old to wait for). */
  ignoreBackoff?: boolean;
}

/**
 * - `claimed`: this instance delivers. `recovering` when what is in Slack is unknown (it took over
 *   a dead claim now or earlier, see `needsLookupSince`): look before posting;
 * - `busy`: another instance holds a live claim;
 * - `waiting`: a `retrying` delivery whose backoff has not run out (`nextAttemptAt`);
 * - `settled`: the period already ended (sent, skipped, missed or failed).
 */
export type ClaimResult =
  | { kind: 'claimed'; delivery: DigestDelivery; recovering: boolean }
  | { kind: 'busy'; delivery: DigestDelivery }
  | { kind: 'waiting'; delivery: DigestDelivery }
  | { kind: 'settled'; delivery: DigestDelivery };

/**
 * Whether a `sending` claim is dead: past its lease, whoever holds it (this instance too may have
 * abandoned one: a post whose outcome it could not know), or held by another instance when none
 * can be running (`othersAreDead`).
 */
export function isClaimDead(delivery: DigestDelivery, request: Pick<ClaimRequest, 'at' | 'leaseMs' | 'othersAreDead' | 'instanceId'>): boolean {
  if (delivery.status !== 'sending') return false;
  if (request.othersAreDead === true && delivery.claimedBy !== request.instanceId) return true;
  return delivery.claimedAt.getTime() <= request.at.getTime() - request.leaseMs;
}

export class DigestDeliveriesRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Claims (subscription, period, trigger) for `instanceId`. Race-safe: the UNIQUE key decides
   * (`on conflict do nothing`), and taking over a `retrying` or dead claim is a compare-and-set
   * on the row as it was read, so of two instances racing, one wins.
   * A `failed` or `skipped` manual delivery may be claimed again (the user clicks Send now once more).
   */
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const inserted = await this.#db
      .insertInto('digest_deliveries')
      .values(newRow(request))
      .onConflict((conflict) => conflict.columns(['subscription_id', 'period', 'trigger']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed', delivery: toDelivery(inserted), recovering: false };


    const existing = await this.get(request.subscriptionId, request.period, request.trigger);
    // Deleted in between (the subscription was removed): nothing to deliver.
    if (!existing) return { kind: 'settled', delivery: missingDelivery(request) };
    // Send now may be clicked again after it failed or found nothing to post.
    const retryableManual = request.trigger === 'manual' && (existing.status === 'failed' || existing.status === 'skipped');
    if (FINAL_DELIVERY_STATUSES.includes(existing.status) && !retryableManual) return { kind: 'settled', delivery: existing };

    const dead = isClaimDead(existing, request);
    if (existing.status === 'sending' && !dead) return { kind: 'busy', delivery: existing };
    if (existing.status === 'retrying' && request.ignoreBackoff !== true && existing.nextAttemptAt !== null && existing.nextAttemptAt > request.at) return { kind: 'waiting', delivery: existing };

    // A dead claimant may have posted: remember that until someone has looked (the earliest
    // unknown wins when a recovery dies too).
    const needsLookupSince = existing.needsLookupSince ?? (dead ? existing.claimedAt : null);
    const taken = await this.#db
      .updateTable('digest_deliveries')
      .set({
        status: 'sending',
        claimed_by: request.instanceId,
        claimed_at: toStoredInstant(request.at),
        channel_id: request.channelId,
        needs_lookup_since: needsLookupSince === null ? null : toStoredInstant(needsLookupSince),
        next_attempt_at: null,
      })
      .where('id', '=', existing.id)
      .where('status', '=', existing.status)
      .where('claimed_by', '=', existing.claimedBy)
      .where('claimed_at', '=', toStoredInstant(existing.claimedAt))
      .returningAll()
      .executeTakeFirst();
    if (!taken) return { kind: 'busy', delivery: existing };
    return { kind: 'claimed', delivery: toDelivery(taken), recovering: needsLookupSince !== null };
  }

  /**
   * Extends the claim's lease before each post; false when the claim is no longer this
   * instance's (taken over, or the subscription removed): the caller must stop posting.
   */
  async renew(id: string, instanceId: string, at: Date): Promise<boolean> {
    return this.#update(id, instanceId, { claimed_at: toStoredInstant(at) });
  }

  /**
   * Records what is in Slack now: the first message's ts (right after posting it, before the
   * thread replies) and how many of the digest's messages are posted.
   */
  async recordProgress(id: string, instanceId: string, progress: { messageTs: string; partsPosted: number }): Promise<boolean> {
    return this.#update(id, instanceId, { message_ts: progress.messageTs, parts_posted: progress.partsPosted });
  }

  /**
   * Records that the channel was searched after a dead claim: what is in Slack is known again
   * (`found`, when the search found the digest's messages, replaces what the row said).
   */
  async recordLookup(id: string, instanceId: string, found?: { messageTs: string; partsPosted: number }): Promise<boolean> {
    return this.#update(id, instanceId, {
      needs_lookup_since: null,
      ...(found ? { message_ts: found.messageTs, parts_posted: found.partsPosted } : {}),
    });
  }

  /** Ends the delivery: `sent` (stamps `sent_at`), `skipped` or `failed` with its reason. */
  async settle(
    id: string,
    instanceId: string,
    outcome: { status: 'sent' | 'skipped' | 'failed' | 'missed'; at: Date; error?: string | null },
  ): Promise<boolean> {
    return this.#update(id, instanceId, {
      status: outcome.status,
      last_error: outcome.error ?? null,
      ...(outcome.status === 'sent' ? { sent_at: toStoredInstant(outcome.at) } : {}),
    });
  }

  /**
   * Gives the claim back as `retrying` after a try that posted nothing more than the row says.
   * `countAttempt` false for failures that are not the digest's fault (a revoked token): they
   * must not use up its retries. `retryAt`: not before then (backoff); default at the next
   * heartbeat. Returns the attempts counted so far, or undefined when the claim was not this
   * instance's.
   */
  async release(id: string, instanceId: string, failure: { error: string; countAttempt: boolean; retryAt?: Date }): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('digest_deliveries')
      .set((eb) => ({
        status: 'retrying',
        last_error: failure.error,
        attempts: failure.countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
        next_attempt_at: failure.retryAt ? toStoredInstant(failure.retryAt) : null,
      }))
      .where('id', '=', id)
      .where('claimed_by', '=', instanceId)
      .where('status', '=', 'sending')
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  async get(subscriptionId: string, period: string, trigger: DigestDeliveryTrigger = 'schedule'): Promise<DigestDelivery | undefined> {
    const row = await this.#db
      .selectFrom('digest_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .where('period', '=', period)
      .where('trigger', '=', trigger)
      .executeTakeFirst();
    return row ? toDelivery(row) : undefined;
  }

  async #update(id: string, instanceId: string, values: Partial<Selectable<DigestDeliveriesTable>>): Promise<boolean> {
    const result = await this.#db
      .updateTable('digest_deliveries')
      .set(values)
      .where('id', '=', id)
      .where('claimed_by', '=', instanceId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/** A delivery row as a claim first writes it. */
function newRow(request: ClaimRequest): Selectable<DigestDeliveriesTable> {
  return {
    id: randomUUID(),
    subscription_id: request.subscriptionId,
    period: request.period,
    trigger: request.trigger,
    channel_id: request.channelId,
    status: 'sending',
    claimed_at: toStoredInstant(request.at),
    claimed_by: request.instanceId,
    attempts: 0,
    last_error: null,
    message_ts: null,
    parts_posted: 0,
    sent_at: null,
    needs_lookup_since: null,
    next_attempt_at: null,
  };
}

function missingDelivery(request: ClaimRequest): DigestDelivery {
  return {
    id: '',
    subscriptionId: request.subscriptionId,
    period: request.period,
    trigger: request.trigger,
    channelId: request.channelId,
    status: 'failed',
    claimedAt: request.at,
    claimedBy: request.instanceId,
    attempts: 0,
    lastError: 'The subscription was removed.',
    messageTs: null,
    partsPosted: 0,
    sentAt: null,
    needsLookupSince: null,
    nextAttemptAt: null,
  };
}

function toDelivery(row: Selectable<DigestDeliveriesTable>): DigestDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    period: row.period,
    trigger: row.trigger,
    channelId: row.channel_id,
    status: row.status,
    claimedAt: fromStoredInstant(row.claimed_at),
    claimedBy: row.claimed_by,
    attempts: row.attempts,
    lastError: row.last_error,
    messageTs: row.message_ts,
    partsPosted: row.parts_posted,
    sentAt: row.sent_at === null ? null : fromStoredInstant(row.sent_at),
    needsLookupSince: row.needs_lookup_since === null ? null : fromStoredInstant(row.needs_lookup_since),
    nextAttemptAt: row.next_attempt_at === null ? null : fromStoredInstant(row.next_attempt_at),
  };
}
