/**
 * Claims: one row per (kind, claim key), UNIQUE, written *before* anything is posted. The insert is
 * the claim: whoever inserts first delivers that piece of work, and a conflict means another
 * instance (or an earlier run) has it. The row then records what reached Slack (the first
 * message's reference, how many thread parts), so a crash never makes kpibot post twice.
 *
 * Every write after the claim is a compare-and-set on `claimedBy`: an instance whose claim was
 * taken over (its lease ran out) finds out on its next write and stops. These are the core's types;
 * the store implements `ClaimsStore` (store/scheduled-deliveries-repository.ts).
 */

/** A `sending` claim not renewed for this long is presumed dead (its process crashed). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * - `sending`: claimed; posting may be under way (or the claimant died: see the lease);
 * - `retrying`: the last try failed before anything more was posted; the next heartbeat tries again;
 * - `sent`, `skipped` (nothing to post), `missed` (the slot was over 24 h old when kpibot came
 *   back), `failed` (retries exhausted or the channel is gone): final.
 */
export type ClaimStatus = 'sending' | 'retrying' | 'sent' | 'skipped' | 'missed' | 'failed';

export const FINAL_CLAIM_STATUSES: readonly ClaimStatus[] = ['sent', 'skipped', 'missed', 'failed'];

export interface Claim {
  id: string;
  /** The kind of scheduled work (`digest`, …). */
  kind: string;
  /** What the work belongs to (a digest subscription's id): removing it removes its claims. */
  subjectId: string;
  /** Unique within the kind: one piece of work (a digest: subscription, week and trigger). */
  claimKey: string;
  /** Where it posts (a channel id): posts in one lane go one at a time. */
  lane: string;
  status: ClaimStatus;
  claimedAt: Date;
  /** The instance id of the claimant (host, pid and a random part). */
  claimedBy: string;
  /** Failed tries counted against the retry budget (Gtmhub errors, Slack refusals); not crashes or revoked tokens. */
  attempts: number;
  /** One sentence: why the last try failed, or why it was skipped. */
  lastError: string | null;
  /** The first (channel) message's reference (Slack's ts), once posted. */
  messageRef: string | null;
  /** How many of the work's messages are posted: the first, then thread replies. */
  partsPosted: number;
  sentAt: Date | null;
  /**
   * Set when a dead claim was taken over: whether its post reached Slack is unknown until the lane
   * was searched from this instant (the dead claimant's last renewal). Survives failed tries;
   * cleared only once the search succeeded.
   */
  needsLookupSince: Date | null;
  /** A `retrying` claim is not tried again by the schedule before this instant (backoff). */
  nextAttemptAt: Date | null;
}

export interface ClaimRequest {
  kind: string;
  subjectId: string;
  claimKey: string;
  lane: string;
  instanceId: string;
  at: Date;
  /** A `sending` claim older than this is presumed dead and may be taken over. */
  leaseMs: number;
  /** Treat every `sending` claim of another instance as dead (the SQLite single-runner lock guarantees no other runs). */
  othersAreDead?: boolean;
  /** Take a `retrying` claim even before its `nextAttemptAt` (a slot too old to wait for). */
  ignoreBackoff?: boolean;
  /** Final statuses that may be claimed again (Send now may be clicked again after `failed` or `skipped`). */
  reclaimable?: readonly ClaimStatus[];
}

/**
 * - `claimed`: this instance delivers. `recovering` when what is in Slack is unknown (it took over
 *   a dead claim now or earlier, see `needsLookupSince`): look before posting;
 * - `busy`: another instance holds a live claim;
 * - `waiting`: a `retrying` claim whose backoff has not run out (`nextAttemptAt`);
 * - `settled`: the work already ended (sent, skipped, missed or failed).
 */
export type ClaimResult =
  | { kind: 'claimed'; claim: Claim; recovering: boolean }
  | { kind: 'busy'; claim: Claim }
  | { kind: 'waiting'; claim: Claim }
  | { kind: 'settled'; claim: Claim };

/** What the lease rules need to judge a claim (see `isClaimDead`). */
export type LeaseView = Pick<ClaimRequest, 'at' | 'leaseMs' | 'othersAreDead' | 'instanceId'>;

/**
 * Whether a `sending` claim is dead: past its lease, whoever holds it (this instance too may have
 * abandoned one: a post whose outcome it could not know), or held by another instance when none
 * can be running (`othersAreDead`).
 */
export function isClaimDead(claim: Claim, lease: LeaseView): boolean {
  if (claim.status !== 'sending') return false;
  if (lease.othersAreDead === true && claim.claimedBy !== lease.instanceId) return true;
  return claim.claimedAt.getTime() <= lease.at.getTime() - lease.leaseMs;
}

/** Where claims are kept. Every write after `claim` is a compare-and-set on the claimant: false means "not yours any more". */
export interface ClaimsStore {
  /** Race-safe: the UNIQUE (kind, claim key) decides; taking over a `retrying` or dead claim is a compare-and-set. */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** Extends the lease before each post. */
  renew(id: string, instanceId: string, at: Date): Promise<boolean>;
  /** What is in Slack now: the first message's reference and how many parts are posted. */
  recordProgress(id: string, instanceId: string, progress: { messageRef: string; partsPosted: number }): Promise<boolean>;
  /** The lane was searched after a dead claim; `found` replaces what the row said. */
  recordLookup(id: string, instanceId: string, found?: { messageRef: string; partsPosted: number }): Promise<boolean>;
  /** Ends the claim: `sent` (stamps `sentAt`), `skipped`, `missed` or `failed` with its reason. */
  settle(id: string, instanceId: string, outcome: { status: 'sent' | 'skipped' | 'failed' | 'missed'; at: Date; error?: string | null }): Promise<boolean>;
  /**
   * Gives the claim back as `retrying`. `countAttempt` false for failures that are not the work's
   * fault (a revoked token). `retryAt`: not before then (backoff). Returns the attempts counted,
   * or undefined when the claim was not this instance's.
   */
  release(id: string, instanceId: string, failure: { error: string; countAttempt: boolean; retryAt?: Date }): Promise<number | undefined>;
  get(kind: string, claimKey: string): Promise<Claim | undefined>;
}
