/**
 * Mirrors favorite toggles to Gtmhub (`PUT /v1/users/kpi-virtual-group/favorite`, for the token's
 * user). The store holds the desired state with a version; the mirror always sends the *latest*
 * desired state, and sends for one (user, group) strictly one after the other, so a slow PUT of an
 * older state can never land after a newer one from this process; across replicas, each send reads
 * the row again after its PUT and sends the newer state when the version moved meanwhile. A failure keeps its reason and is retried by a
 * small loop with bounded attempts; the Slack-side state is never touched by it.
 */
import { GtmhubError } from '../gtmhub/errors.js';
import { interactiveWithinTwoSeconds, patientForBackgroundWork, type RetryPolicy } from '../gtmhub/retry.js';
import { describeFailure } from '../kpis/failure-sentences.js';
import type { Logger } from '../log.js';
import type { FavoriteKey, FavoriteRow, FavoritesRepository } from '../store/favorites-repository.js';

/** What the mirror calls on a user's own client. */
export interface FavoriteWriter {
  setGroupFavorite(groupId: string, favorite: boolean, options?: { policy?: RetryPolicy }): Promise<void>;
}

/** The user's own Gtmhub client, undefined when they have not connected one. */
export type PersonalWriterLookup = (teamId: string, userId: string) => Promise<FavoriteWriter | undefined>;

export type MirrorOutcome =
  /** Gtmhub has the latest state. */
  | { kind: 'mirrored' }
  /** No personal token: the favorite lives in Slack only. */
  | { kind: 'slack-only' }
  /** Gtmhub failed; kpibot tries again later. */
  | { kind: 'will-retry'; reason: string }
  /** Gtmhub refused for good (bad token, no access) or the attempts ran out. */
  | { kind: 'gave-up'; reason: string };

export interface FavoriteMirrorOptions {
  repository: FavoritesRepository;
  personalWriter: PersonalWriterLookup;
  logger: Logger;
  now: () => number;
  /** Attempts before giving up; default 6. */
  maxAttempts?: number;
  /** Wait before the first retry, doubling after each; default 30 s (capped at 30 min). */
  retryBaseMs?: number;
}

/** Failures that a retry cannot fix: the token, the plan or the request itself is refused. */
const PERMANENT = new Set(['gtmhub_unauthorized', 'gtmhub_payment_required', 'gtmhub_forbidden', 'gtmhub_not_found', 'gtmhub_invalid_request', 'gtmhub_invalid_argument']);
const MAX_RETRY_WAIT_MS = 30 * 60_000;
const DOING = 'starring the group in Gtmhub';
/** PUTs one send makes while the state keeps moving under it; then the retry loop takes over. */
const MAX_ROUNDS = 5;

export class FavoriteMirror {
  readonly #options: FavoriteMirrorOptions;
  /** The last send queued per (team, user, group): the next one starts when it settles. */
  readonly #queues = new Map<string, Promise<MirrorOutcome>>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<number> | undefined;

  constructor(options: FavoriteMirrorOptions) {
    this.#options = options;
  }

  /** Sends the latest desired state of `key` once every earlier send of it has settled. */
  send(key: FavoriteKey, policy: RetryPolicy = interactiveWithinTwoSeconds): Promise<MirrorOutcome> {
    const id = `${key.teamId}|${key.userId}|${key.groupId}`;
    const previous = this.#queues.get(id) ?? Promise.resolve<MirrorOutcome>({ kind: 'mirrored' });
    const next = previous.catch(() => undefined).then(() => this.#attempt(key, policy));
    this.#queues.set(id, next);
    const forget = (): void => {
      if (this.#queues.get(id) === next) this.#queues.delete(id);
    };
    next.then(forget, forget);
    return next;
  }

  /** Retries every pending mirror that is due; resolves with how many were tried. One sweep at a time. */
  retryDue(): Promise<number> {
    this.#sweeping ??= (async () => {
      try {
        const due = await this.#options.repository.mirrorsDue(new Date(this.#options.now()));
        for (const row of due) await this.send(row, patientForBackgroundWork);
        return due.length;
      } finally {
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  /** Starts the retry loop (an unref'd timer: it never keeps the process alive). */
  start(intervalMs = 30_000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.retryDue().catch((error: unknown) => this.#options.logger.warn('retrying favorite mirrors failed', { error }));
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #attempt(key: FavoriteKey, policy: RetryPolicy): Promise<MirrorOutcome> {
    const { repository, logger } = this.#options;
    const row = await repository.get(key);
    if (!row || row.mirrorStatus === 'none') return { kind: 'slack-only' };
    if (row.mirrorStatus === 'done') return { kind: 'mirrored' };
    if (row.mirrorStatus === 'failed') return { kind: 'gave-up', reason: row.mirrorError ?? `Gtmhub refused ${DOING}.` };

    const writer = await this.#options.personalWriter(key.teamId, key.userId);
    if (!writer) {
      await repository.markMirrorSkipped(key, row.version);
      return { kind: 'slack-only' };
    }
    // Another replica may have stored a newer state and sent it while this PUT was on the wire; if
    // this PUT landed last, Gtmhub now holds the older state. So after each PUT the row is read
    // again, and a newer version is sent too, until the version stands still (bounded).
    let sending = row;
    for (let round = 1; ; round++) {
      const outcome = await this.#put(writer, key, sending, policy);
      if (outcome.kind !== 'mirrored') return outcome;
      const latest = await repository.get(key);
      if (!latest || latest.version === sending.version || latest.mirrorStatus === 'none') return outcome;
      if (round >= MAX_ROUNDS) {
        await repository.markMirrorDue(key, latest.version, new Date(this.#options.now()));
        logger.warn('favorite kept changing while it was mirrored; the retry loop sends the latest state', { teamId: key.teamId, userId: key.userId, groupId: key.groupId, version: latest.version });
        return outcome;
      }
      sending = latest;
    }
  }

  /** One PUT of `row`'s state, and its bookkeeping. */
  async #put(writer: FavoriteWriter, key: FavoriteKey, row: FavoriteRow, policy: RetryPolicy): Promise<MirrorOutcome> {
    const { repository, logger } = this.#options;
    try {
      await writer.setGroupFavorite(key.groupId, row.favorite, { policy });
    } catch (error) {
      const attempts = row.mirrorAttempts + 1;
      const permanent = error instanceof GtmhubError && PERMANENT.has(error.code);
      const reason = describeFailure(error, DOING);
      const retryAt = permanent || attempts >= (this.#options.maxAttempts ?? 6) ? undefined : new Date(this.#options.now() + this.#waitBefore(attempts));
      await repository.markMirrorFailed(key, row.version, reason, retryAt);
      logger.warn('favorite not mirrored to Gtmhub', { teamId: key.teamId, userId: key.userId, groupId: key.groupId, version: row.version, attempts, willRetry: retryAt !== undefined, error });
      return retryAt ? { kind: 'will-retry', reason } : { kind: 'gave-up', reason };
    }
    await repository.markMirrored(key, row.version);
    return { kind: 'mirrored' };
  }

  #waitBefore(attempts: number): number {
    return Math.min(MAX_RETRY_WAIT_MS, (this.#options.retryBaseMs ?? 30_000) * 2 ** (attempts - 1));
  }
}
