/**
 * Claims of scheduled work (digests and every later kind), one row per (kind, claim key), UNIQUE,
 * inserted *before* anything is posted; see `scheduling/claims.ts` for what the rows mean. The
 * store only stores: which claim may be taken over is the lease rule of `isClaimDead`, passed in.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { FINAL_CLAIM_STATUSES, isClaimDead, type Claim, type ClaimRequest, type ClaimResult, type ClaimsStore } from '../scheduling/claims.js';
import { fromStoredInstant, toStoredInstant } from './instant.js';
import type { Database, ScheduledDeliveriesTable } from './schema.js';

export class ScheduledDeliveriesRepository implements ClaimsStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Claims (kind, claim key) for `instanceId`. Race-safe: the UNIQUE key decides (`on conflict do
   * nothing`), and taking over a `retrying`, dead or reclaimable claim is a compare-and-set on the
   * row as it was read, so of two instances racing, one wins.
   */
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const inserted = await this.#db
      .insertInto('scheduled_deliveries')
      .values(newRow(request))
      .onConflict((conflict) => conflict.columns(['kind', 'claim_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed', claim: toClaim(inserted), recovering: false };


    const existing = await this.get(request.kind, request.claimKey);
    // Deleted in between (its subject was removed): nothing to deliver.
    if (!existing) return { kind: 'settled', claim: missingClaim(request) };
    const reclaimable = request.reclaimable?.includes(existing.status) === true;
    if (FINAL_CLAIM_STATUSES.includes(existing.status) && !reclaimable) return { kind: 'settled', claim: existing };

    const dead = isClaimDead(existing, request);
    if (existing.status === 'sending' && !dead) return { kind: 'busy', claim: existing };
    if (existing.status === 'retrying' && request.ignoreBackoff !== true && existing.nextAttemptAt !== null && existing.nextAttemptAt > request.at) return { kind: 'waiting', claim: existing };

    // A dead claimant may have posted: remember that until someone has looked (the earliest
    // unknown wins when a recovery dies too).
    const needsLookupSince = existing.needsLookupSince ?? (dead ? existing.claimedAt : null);
    const taken = await this.#db
      .updateTable('scheduled_deliveries')
      .set({
        status: 'sending',
        claimed_by: request.instanceId,
        claimed_at: toStoredInstant(request.at),
        lane: request.lane,
        needs_lookup_since: needsLookupSince === null ? null : toStoredInstant(needsLookupSince),
        next_attempt_at: null,
      })
      .where('id', '=', existing.id)
      .where('status', '=', existing.status)
      .where('claimed_by', '=', existing.claimedBy)
      .where('claimed_at', '=', toStoredInstant(existing.claimedAt))
      .returningAll()
      .executeTakeFirst();
    if (!taken) return { kind: 'busy', claim: existing };
    return { kind: 'claimed', claim: toClaim(taken), recovering: needsLookupSince !== null };
  }

  /**
   * Extends the claim's lease before each post; false when the claim is no longer this
   * instance's (taken over, or the subscription removed): the caller must stop posting.
   */
  async renew(id: string, instanceId: string, at: Date): Promise<boolean> {
    return this.#update(id, instanceId, { claimed_at: toStoredInstant(at) });
  }

  /**
   * Records what is in Slack now: the first message's reference (right after posting it, before
   * the thread replies) and how many of the work's messages are posted.
   */
  async recordProgress(id: string, instanceId: string, progress: { messageRef: string; partsPosted: number }): Promise<boolean> {
    return this.#update(id, instanceId, { message_ref: progress.messageRef, parts_posted: progress.partsPosted });
  }

  /**
   * Records that the channel was searched after a dead claim: what is in Slack is known again
   * (`found`, when the search found its messages, replaces what the row said).
   */
  async recordLookup(id: string, instanceId: string, found?: { messageRef: string; partsPosted: number }): Promise<boolean> {
    return this.#update(id, instanceId, {
      needs_lookup_since: null,
      ...(found ? { message_ref: found.messageRef, parts_posted: found.partsPosted } : {}),
    });
  }

  /** Ends the claim: `sent` (stamps `sent_at`), `skipped` or `failed` with its reason. */
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
   * `countAttempt` false for failures that are not the work's fault (a revoked token): they
   * must not use up its retries. `retryAt`: not before then (backoff); default at the next
   * heartbeat. Returns the attempts counted so far, or undefined when the claim was not this
   * instance's.
   */
  async release(id: string, instanceId: string, failure: { error: string; countAttempt: boolean; retryAt?: Date }): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('scheduled_deliveries')
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

  async get(kind: string, claimKey: string): Promise<Claim | undefined> {
    const row = await this.#db.selectFrom('scheduled_deliveries').selectAll().where('kind', '=', kind).where('claim_key', '=', claimKey).executeTakeFirst();
    return row ? toClaim(row) : undefined;
  }

  async #update(id: string, instanceId: string, values: Partial<Selectable<ScheduledDeliveriesTable>>): Promise<boolean> {
    const result = await this.#db
      .updateTable('scheduled_deliveries')
      .set(values)
      .where('id', '=', id)
      .where('claimed_by', '=', instanceId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/** A row as a claim first writes it. */
function newRow(request: ClaimRequest): Selectable<ScheduledDeliveriesTable> {
  return {
    id: randomUUID(),
    kind: request.kind,
    subject_id: request.subjectId,
    claim_key: request.claimKey,
    lane: request.lane,
    status: 'sending',
    claimed_at: toStoredInstant(request.at),
    claimed_by: request.instanceId,
    attempts: 0,
    last_error: null,
    message_ref: null,
    parts_posted: 0,
    sent_at: null,
    needs_lookup_since: null,
    next_attempt_at: null,
  };
}

function missingClaim(request: ClaimRequest): Claim {
  return {
    id: '',
    kind: request.kind,
    subjectId: request.subjectId,
    claimKey: request.claimKey,
    lane: request.lane,
    status: 'failed',
    claimedAt: request.at,
    claimedBy: request.instanceId,
    attempts: 0,
    lastError: 'The subscription was removed.',
    messageRef: null,
    partsPosted: 0,
    sentAt: null,
    needsLookupSince: null,
    nextAttemptAt: null,
  };
}

function toClaim(row: Selectable<ScheduledDeliveriesTable>): Claim {
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subject_id,
    claimKey: row.claim_key,
    lane: row.lane,
    status: row.status,
    claimedAt: fromStoredInstant(row.claimed_at),
    claimedBy: row.claimed_by,
    attempts: row.attempts,
    lastError: row.last_error,
    messageRef: row.message_ref,
    partsPosted: row.parts_posted,
    sentAt: row.sent_at === null ? null : fromStoredInstant(row.sent_at),
    needsLookupSince: row.needs_lookup_since === null ? null : fromStoredInstant(row.needs_lookup_since),
    nextAttemptAt: row.next_attempt_at === null ? null : fromStoredInstant(row.next_attempt_at),
  };
}
