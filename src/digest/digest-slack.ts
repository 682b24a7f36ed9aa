/**
 * The Slack calls a digest delivery makes, through a dedicated WebClient built with
 * `rejectRateLimitedCalls: true` and no retries: a 429 comes back to us (we pace the channel and
 * retry after `Retry-After`), and a post whose outcome is unknown is never silently re-sent by the
 * client — only after looking for it in the channel (see `findPosted`).
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';
import type { DigestMessage } from './types.js';

/** Slack's `metadata.event_type` on every digest message; how recovery recognises them. */
export const DIGEST_EVENT_TYPE = 'kpibot_digest';

/** What a digest message's metadata names: which subscription, which week, which part of the thread. */
export interface DigestMessageKey {
  subscriptionId: string;
  period: string;
  trigger: 'schedule' | 'manual';
}

/**
 * - `channel_gone`: the channel is deleted/hidden, archived, or the bot is not in it;
 * - `auth`: the bot token no longer works (revoked, app uninstalled, account deactivated);
 * - `rate_limited`: HTTP 429; `retryAfterSeconds` says how long Slack asked us to wait;
 * - `refused`: any other answer from Slack: the message was definitely not posted;
 * - `unknown`: no answer (network, HTTP 5xx): the message may or may not have been posted.
 */
export type DigestSlackFailureKind = 'channel_gone' | 'auth' | 'rate_limited' | 'refused' | 'unknown';

export class DigestSlackError extends Error {
  readonly code = 'digest_slack_failed' as const;
  constructor(
    readonly kind: DigestSlackFailureKind,
    /** Slack's error code (`channel_not_found`, `ratelimited`, …) or the client's. */
    readonly slackError: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack answered ${slackError} (${kind}).`);
    this.name = 'DigestSlackError';
  }
}

const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);
const AUTH = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'not_authed', 'no_permission', 'missing_scope']);
/** How far back `conversations.history` is read when looking for a digest after a crash: bounded pages. */
const HISTORY_PAGES = 5;
const PAGE_SIZE = 200;

export interface DigestSlackOptions {
  client: WebClient;
  logger: Logger;
  now: () => number;
  /** Waits `ms`; tests pass one that advances their clock instead. */
  sleep: (ms: number) => Promise<void>;
  /** Slack allows about one message per second per channel. Default 1000 ms. */
  minIntervalPerChannelMs?: number;
}

export class DigestSlack {
  readonly #client: WebClient;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #interval: number;
  /** When each channel may next be posted to (pacing, and Retry-After after a 429). */
  readonly #notBefore = new Map<string, number>();

  constructor(options: DigestSlackOptions) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#sleep = options.sleep;
    this.#interval = options.minIntervalPerChannelMs ?? 1000;
  }

  /**
   * Waits until `channel` may be posted to: about one message per second, longer after a 429
   * (its Retry-After). Call it right before `post`, and renew the claim in between: the wait may
   * be long.
   */
  async waitTurn(channel: string): Promise<void> {
    const wait = (this.#notBefore.get(channel) ?? 0) - this.#now();
    if (wait > 0) await this.#sleep(wait);
  }

  /**
   * Posts part `part` of a digest (0: to the channel; later parts: into the thread of `threadTs`)
   * with metadata naming it, at once (see `waitTurn`). Resolves with the message ts; throws
   * `DigestSlackError` (`unknown` when the client's timeout ran out: the post may have landed).
   */
  async post(channel: string, message: DigestMessage, key: DigestMessageKey, part: number, threadTs?: string): Promise<string> {
    try {
      const result = await this.#joiningIfNeeded(channel, () =>
        this.#client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
          metadata: {
            event_type: DIGEST_EVENT_TYPE,
            event_payload: { subscription_id: key.subscriptionId, period: key.period, trigger: key.trigger, part },
          },
        }),
      );
      this.#notBefore.set(channel, this.#now() + this.#interval);
      if (typeof result.ts !== 'string') throw new DigestSlackError('unknown', 'no_ts_in_answer');
      return result.ts;
    } catch (error) {
      throw this.#classify(error, channel);
    }
  }

  /**
   * What of a digest is already in the channel: its first message (found in channel history
   * from `oldest` on by its metadata, unless `knownTs` is given) and how many of its parts
   * (first message + thread replies). Throws `DigestSlackError`.
   */
  async findPosted(channel: string, key: DigestMessageKey, oldest: Date, knownTs: string | null): Promise<{ messageTs: string | null; partsPosted: number }> {
    try {
      return await this.#joiningIfNeeded(channel, async () => {
        const messageTs = knownTs ?? (await this.#findFirstMessage(channel, key, oldest));
        if (messageTs === null) return { messageTs: null, partsPosted: 0 };
        const replies = await this.#client.conversations.replies({ channel, ts: messageTs, include_all_metadata: true, limit: PAGE_SIZE });
        let partsPosted = 1;
        for (const reply of replies.messages ?? []) {
          const part = partOf(reply, key);
          if (part !== undefined) partsPosted = Math.max(partsPosted, part + 1);
        }
        return { messageTs, partsPosted };
      });
    } catch (error) {
      // Reading needs membership, posting does not (`chat:write.public`): a read's `not_in_channel`
      // says nothing about whether kpibot may post, so it must not pause the subscription.
      throw this.#classify(error, channel, { read: true });
    }
  }

  /** A DM to the subscription's owner (posting to a user id opens the bot's DM with them). */
  async notifyUser(userId: string, text: string): Promise<void> {
    try {
      await this.#client.chat.postMessage({ channel: userId, text });
    } catch (error) {
      const failure = this.#classify(error, userId);
      this.#logger.warn('could not DM the digest owner', { userId, slackError: failure.slackError });
    }
  }

  async #findFirstMessage(channel: string, key: DigestMessageKey, oldest: Date): Promise<string | null> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const history = await this.#client.conversations.history({
        channel,
        oldest: (oldest.getTime() / 1000).toFixed(6),
        include_all_metadata: true,
        limit: PAGE_SIZE,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const first = (history.messages ?? []).find((m) => partOf(m, key) === 0);
      if (first?.ts !== undefined) return first.ts;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!history.has_more || cursor === undefined) return null;
    }
    return null;
  }

  /**
   * Runs `call`; when Slack answers `not_in_channel` (a public channel kpibot never joined, or was
   * removed from), joins it (`channels:join`) and runs it once more. A refused post was not
   * posted, so trying it again cannot post twice. Private channels still need an invitation.
   */
  async #joiningIfNeeded<T>(channel: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (platformErrorOf(error) !== 'not_in_channel') throw error;
      try {
        await this.#client.conversations.join({ channel });
      } catch (joinError) {
        this.#logger.warn('kpibot could not join a digest channel', { channel, slackError: platformErrorOf(joinError) ?? 'request_failed' });
        throw error;
      }
      return call();
    }
  }

  #classify(error: unknown, channel: string, options: { read?: boolean } = {}): DigestSlackError {
    if (error instanceof DigestSlackError) return error;
    const code = (error as { code?: unknown }).code;
    if (code === ErrorCode.RateLimitedError) {
      const retryAfter = Number((error as { retryAfter?: unknown }).retryAfter) || 1;
      this.#notBefore.set(channel, this.#now() + retryAfter * 1000);
      return new DigestSlackError('rate_limited', 'ratelimited', retryAfter);
    }
    if (code === ErrorCode.PlatformError) {
      const slackError = platformErrorOf(error) ?? 'unknown_error';
      if (CHANNEL_GONE.has(slackError) && !(options.read && slackError === 'not_in_channel')) return new DigestSlackError('channel_gone', slackError);
      if (AUTH.has(slackError)) return new DigestSlackError('auth', slackError);
      return new DigestSlackError('refused', slackError);
    }
    if (code === ErrorCode.HTTPError) return new DigestSlackError('unknown', `http_${String((error as { statusCode?: unknown }).statusCode)}`);
    return new DigestSlackError('unknown', typeof code === 'string' ? code : 'request_failed');
  }
}

/** Slack's `error` of a platform error (`not_in_channel`), else undefined. */
function platformErrorOf(error: unknown): string | undefined {
  if ((error as { code?: unknown }).code !== ErrorCode.PlatformError) return undefined;
  const slackError = (error as { data?: { error?: unknown } }).data?.error;
  return typeof slackError === 'string' ? slackError : undefined;
}

/** The part number of a digest message matching `key`, or undefined for any other message. */
function partOf(message: { metadata?: { event_type?: string; event_payload?: unknown } }, key: DigestMessageKey): number | undefined {
  if (message.metadata?.event_type !== DIGEST_EVENT_TYPE) return undefined;
  const payload = message.metadata.event_payload as Record<string, unknown> | undefined;
  if (payload?.subscription_id !== key.subscriptionId || payload.period !== key.period) return undefined;
  // Messages from before `trigger` existed in the payload would be scheduled ones.
  if ((payload.trigger ?? 'schedule') !== key.trigger) return undefined;
  return typeof payload.part === 'number' ? payload.part : 0;
}
