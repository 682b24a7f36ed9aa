/**
 * "Acting as yourself": a Slack user may connect their own Gtmhub API token (/kpi connect), and
 * kpibot then records their values, favorites and admin actions with it, so Gtmhub shows who did
 * them. Everyone else goes through the workspace token. Tokens are checked with one read call before
 * they are stored, stored encrypted, and never logged or shown.
 */
import type { GtmhubClient } from '../gtmhub/client.js';
import { GtmhubError } from '../gtmhub/errors.js';
import { interactiveWithinTwoSeconds } from '../gtmhub/retry.js';
import type { Logger } from '../log.js';
import type { UserTokensRepository } from '../store/user-tokens-repository.js';

export type ConnectResult =
  | { ok: true }
  /** No KPIBOT_SECRET_KEY: tokens cannot be stored safely, so they are not accepted. */
  | { ok: false; reason: 'disabled'; sentence: string }
  /** The token was refused (by Gtmhub or as obviously malformed); the sentence goes next to the field. */
  | { ok: false; reason: 'refused' | 'unchecked'; sentence: string };

export interface PersonalTokensOptions {
  /** Undefined when KPIBOT_SECRET_KEY is not set: /kpi connect is then off. */
  repository: UserTokensRepository | undefined;
  /** The workspace client: everyone's fallback, and the pool personal clients share. */
  workspace: GtmhubClient;
  logger: Logger;
  /** The Gtmhub web app users create tokens in, e.g. `https://app.gtmhub.com`. */
  gtmhubAppUrl: string;
  now?: () => number;
  /**
   * How long a user's client (or the fact they have none) is remembered; default 30 s
   * (`PERSONAL_TOKEN_CACHE_MS`). The bound on how long another replica keeps acting with a token
   * after `/kpi disconnect` (this replica forgets it at once).
   */
  ttlMs?: number;
}

/**
 * Each replica remembers who is connected for this long: short, because `/kpi disconnect` on one
 * replica must stop the others from using the token soon; long enough that a burst of clicks reads
 * the row once.
 */
export const PERSONAL_TOKEN_CACHE_MS = 30_000;

export const DISABLED_SENTENCE =
  'Personal Gtmhub tokens are switched off here: whoever runs kpibot must set KPIBOT_SECRET_KEY to 32 random bytes in base64, generated with: openssl rand -base64 32';

interface CacheEntry {
  client: Promise<GtmhubClient | undefined>;
  expiresAt: number;
}

export class PersonalTokens {
  readonly #options: PersonalTokensOptions;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(options: PersonalTokensOptions) {
    this.#options = options;
  }

  /** Whether users can connect their own token (KPIBOT_SECRET_KEY is set). */
  get enabled(): boolean {
    return this.#options.repository !== undefined;
  }

  /** Where users create their tokens (shown in the connect modal). */
  get gtmhubAppUrl(): string {
    return this.#options.gtmhubAppUrl;
  }

  /** The client that acts for the user: their own when connected, else the workspace client. */
  async clientFor(teamId: string, userId: string): Promise<GtmhubClient> {
    return (await this.personalClient(teamId, userId)) ?? this.#options.workspace;
  }

  /** The user's own client, undefined when they have not connected a token (or it cannot be read). */
  personalClient(teamId: string, userId: string): Promise<GtmhubClient | undefined> {
    const repository = this.#options.repository;
    if (!repository) return Promise.resolve(undefined);
    const key = `${teamId}|${userId}`;
    const now = this.#now();
    const hit = this.#cache.get(key);
    if (hit && hit.expiresAt > now) return hit.client;
    const client = repository.find(teamId, userId).then(
      (token) => (token === undefined ? undefined : this.#options.workspace.withToken(token)),
      (error: unknown) => {
        // A row that cannot be decrypted (the key changed) must not lock the user out: they act
        // through the workspace token until they connect again.
        this.#options.logger.warn('a personal Gtmhub token could not be read; using the workspace token', { teamId, userId, error });
        return undefined;
      },
    );
    this.#cache.set(key, { client, expiresAt: now + (this.#options.ttlMs ?? PERSONAL_TOKEN_CACHE_MS) });
    return client;
  }

  /** Checks the token with one read call, then stores it encrypted. Nothing is stored when it fails. */
  async connect(teamId: string, userId: string, pasted: string): Promise<ConnectResult> {
    const repository = this.#options.repository;
    if (!repository) return { ok: false, reason: 'disabled', sentence: DISABLED_SENTENCE };
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    // Anything but printable ASCII cannot travel in an Authorization header.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      return { ok: false, reason: 'refused', sentence: 'A Gtmhub API token is one word without spaces: copy it again from Gtmhub and paste only the token.' };
    }
    try {
      await this.#options.workspace.withToken(token).listKpis({ take: 1 }, { policy: interactiveWithinTwoSeconds });
    } catch (error) {
      this.#options.logger.info('a personal Gtmhub token was not accepted', { teamId, userId, error });
      return verificationFailure(error);
    }
    await repository.save(teamId, userId, token);
    this.forget(teamId, userId);
    this.#options.logger.info('personal Gtmhub token connected', { teamId, userId });
    return { ok: true };
  }

  /** Removes the user's token; true when there was one. */
  async disconnect(teamId: string, userId: string): Promise<boolean> {
    const removed = (await this.#options.repository?.remove(teamId, userId)) ?? false;
    this.forget(teamId, userId);
    if (removed) this.#options.logger.info('personal Gtmhub token disconnected', { teamId, userId });
    return removed;
  }

  forget(teamId: string, userId: string): void {
    this.#cache.delete(`${teamId}|${userId}`);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

/** Why a token was not accepted, as the sentence shown under the field. */
function verificationFailure(error: unknown): ConnectResult {
  const code = error instanceof GtmhubError ? error.code : undefined;
  switch (code) {
    case 'gtmhub_unauthorized':
      return { ok: false, reason: 'refused', sentence: 'Gtmhub does not accept this token: copy it again (all of it) from Gtmhub, or create a new one.' };
    case 'gtmhub_forbidden':
      return { ok: false, reason: 'refused', sentence: 'Gtmhub accepts this token but does not let it read KPIs: ask a Gtmhub admin for access, or use another token.' };
    case 'gtmhub_payment_required':
      return { ok: false, reason: 'refused', sentence: 'Gtmhub says the account needs payment or is suspended (402), so the token could not be checked: ask a Gtmhub account admin.' };
    default:
      return { ok: false, reason: 'unchecked', sentence: 'Gtmhub did not answer in time, so the token could not be checked and was not saved: please try again in a minute.' };
  }
}
