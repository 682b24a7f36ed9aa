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

/** `schedule`: the weekly slot. `manual`: Send now — claimed apart, so it neither blocks nor replaces the slot. */
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
}

/**
 * - `claimed`: this instance delivers. `recovering` when it took over a `sending` claim whose
 *   owner died: something may already be in Slack, so look before posting;
 * - `busy`: another instance holds a live claim;
 * - `settled`: the period already ended (sent, skipped, missed or failed).
 */
export type ClaimResult =
  | { kind: 'claimed'; delivery: DigestDelivery; recovering: boolean; previous?: DigestDelivery }
  | { kind: 'busy'; delivery: DigestDelivery }
  | { kind: 'settled'; delivery: DigestDelivery };

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

    // Past its lease a claim is dead whoever holds it: this instance too may have abandoned one
    // (a post whose outcome it could not know).
    const dead =
      existing.status === 'sending' &&
      ((request.othersAreDead === true && existing.claimedBy !== request.instanceId) ||
        existing.claimedAt.getTime() <= request.at.getTime() - request.leaseMs);
    if (existing.status === 'sending' && !dead) return { kind: 'busy', delivery: existing };

    const taken = await this.#db
      .updateTable('digest_deliveries')
      .set({ status: 'sending', claimed_by: request.instanceId, claimed_at: toStoredInstant(request.at), channel_id: request.channelId })
      .where('id', '=', existing.id)
      .where('status', '=', existing.status)
      .where('claimed_by', '=', existing.claimedBy)
      .where('claimed_at', '=', toStoredInstant(existing.claimedAt))
      .returningAll()
      .executeTakeFirst();
    if (!taken) return { kind: 'busy', delivery: existing };
    return { kind: 'claimed', delivery: toDelivery(taken), recovering: dead, previous: existing };
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
   * must not use up its retries. Returns the attempts counted so far, or undefined when the
   * claim was not this instance's.
   */
  async release(id: string, instanceId: string, failure: { error: string; countAttempt: boolean }): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('digest_deliveries')
      .set((eb) => ({
        status: 'retrying',
        last_error: failure.error,
        attempts: failure.countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
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

  /** A subscription's deliveries, newest period first (for `/kpi digest list` and support questions). */
  async listForSubscription(subscriptionId: string, limit = 10): Promise<DigestDelivery[]> {
    const rows = await this.#db
      .selectFrom('digest_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('period', 'desc')
      .orderBy('trigger', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
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
  };
}
