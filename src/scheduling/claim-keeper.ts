/**
 * Keeps the claims of work still queued alive. A run claims everything due up front, then delivers
 * at the platform's pace: on a busy Monday the last post of a run may leave minutes after its claim
 * was taken, longer than the lease (`CLAIM_LEASE_MS`), and another engine would take the claim over
 * as dead and post the same work again. So while work waits in the queue, its claims are renewed
 * every third of the lease; a claim that turns out not to be this engine's any more is dropped, and
 * its work is not delivered here.
 *
 * No timer: the workers call `tick()` between items (and a post itself renews its own claim right
 * before it goes out), so a test's clock decides every renewal.
 */
import type { Logger } from '../log.js';
import { CLAIM_LEASE_MS, type ClaimsStore } from './claims.js';

/** How many renewals go to the store at once. */
const RENEW_BATCH = 50;

export interface ClaimKeeperOptions {
  claims: ClaimsStore;
  instanceId: string;
  now: () => number;
  logger: Logger;
  /** Default a third of the lease. */
  renewEveryMs?: number;
}

export class ClaimKeeper {
  readonly #queued = new Set<string>();
  readonly #lost = new Set<string>();
  #renewedAt: number;
  #renewing: Promise<void> | undefined;

  constructor(private readonly options: ClaimKeeperOptions) {
    this.#renewedAt = options.now();
  }

  /** Claims just taken (or renewed): kept alive until `started`. */
  queue(ids: Iterable<string>): void {
    for (const id of ids) this.#queued.add(id);
  }

  /** The work of `id` starts: its delivery renews its claim itself from now on. False when the claim was lost while queued. */
  started(id: string): boolean {
    this.#queued.delete(id);
    return !this.#lost.has(id);
  }

  /** Renews every queued claim when a third of the lease has passed since the last renewal (one renewal at a time). */
  async tick(): Promise<void> {
    if (this.#renewing) return this.#renewing;
    const every = this.options.renewEveryMs ?? CLAIM_LEASE_MS / 3;
    if (this.#queued.size === 0 || this.options.now() - this.#renewedAt < every) return;
    this.#renewing = this.#renewAll().finally(() => (this.#renewing = undefined));
    return this.#renewing;
  }

  async #renewAll(): Promise<void> {
    const at = new Date(this.options.now());
    const ids = [...this.#queued];
    let lost = 0;
    for (let i = 0; i < ids.length; i += RENEW_BATCH) {
      const batch = ids.slice(i, i + RENEW_BATCH);
      const renewed = await Promise.all(batch.map((id) => this.options.claims.renew(id, this.options.instanceId, at).catch(() => true)));
      batch.forEach((id, j) => {
        if (renewed[j]) return;
        this.#queued.delete(id);
        this.#lost.add(id);
        lost += 1;
      });
    }
    this.#renewedAt = at.getTime();
    if (lost > 0) this.options.logger.warn('claims of queued work were taken over; that work is left to their new claimant', { lost });
  }
}
