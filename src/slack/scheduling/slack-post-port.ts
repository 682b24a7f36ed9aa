/**
 * The scheduling core's post port on Slack: posts, looks for what was posted after a crash, and
 * DMs owners, through a dedicated WebClient built with `rejectRateLimitedCalls: true` and no
 * retries — a 429 comes back to the core (which paces the channel and retries after
 * `Retry-After`), and a post whose outcome is unknown is never silently re-sent by the client,
 * only after the core looked for it in the channel. Slack's answers become typed outcomes here,
 * so nothing above this file knows Slack's error codes.
 */
import type { KnownBlock } from '@slack/types';
import { ErrorCode, WebClient } from '@slack/web-api';
import type { Logger } from '../../log.js';
import type { LookupOutcome, MessageKey, PostFailure, PostOutcome, PostPort } from '../../scheduling/port.js';
import { toSlackLogger } from '../../slack-logger.js';
import { renderSmallMultiples } from '../../charts/index.js';
import type { ChartToUpload } from '../files/chart-to-upload.js';
import { createChartUploader, describeChartFailure, type ChartUploader } from '../files/index.js';
import { context } from '../views/blocks.js';

/** A message as a scheduled kind's renderer makes it for Slack. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  /** A picture to draw and upload into the conversation (the thread of the post) before this message. */
  chart?: ChartToUpload;
}

/**
 * How long one Slack call of a delivery may take. Well under the claim lease (5 minutes): a post
 * still hanging when another instance takes the claim over could land after that instance found
 * nothing in the channel and posted, i.e. twice. A timed-out post counts as an unknown outcome.
 */
export const SCHEDULED_SLACK_TIMEOUT_MS = 30_000;

/**
 * The lane will not take the post whatever kpibot does. `cannot_dm_bot`: a check-in DM to a person
 * who may not receive DMs from apps — retrying cannot help, so the claim ends `failed` at once and
 * the reminder's creator is told (the core's `channel_gone` path); the others' DMs go on.
 */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'cannot_dm_bot']);
const TOKEN_REFUSED = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'not_authed', 'no_permission', 'missing_scope']);
/** How far back `conversations.history` is read when looking for a post after a crash: bounded pages. */
const HISTORY_PAGES = 5;
const PAGE_SIZE = 200;

export interface SlackPostPortOptions {
  botToken: string;
  apiUrl: string;
  /** How long one Slack call may take; default `SCHEDULED_SLACK_TIMEOUT_MS`. */
  timeoutMs?: number;
  logger: Logger;
}

/** The port with its own WebClient (no retries, 429s rejected to the core). */
export function createSlackPostPort(options: SlackPostPortOptions): SlackPostPort {
  const client = new WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? SCHEDULED_SLACK_TIMEOUT_MS,
    logger: toSlackLogger(options.logger.child({ component: 'scheduled-slack' })),
  });
  return new SlackPostPort(client, options.logger);
}

export class SlackPostPort implements PostPort<SlackMessage> {
  readonly #client: WebClient;
  readonly #logger: Logger;
  readonly #charts: ChartUploader;
  /** A person's DM conversation id by user id (`conversations.open` answers the same one each time). */
  readonly #dms = new Map<string, string>();

  constructor(client: WebClient, logger: Logger, charts: ChartUploader = createChartUploader({ client })) {
    this.#client = client;
    this.#logger = logger;
    this.#charts = charts;
  }

  /**
   * The message's blocks with its picture: drawn, uploaded into the conversation (in the thread of
   * `threadRef`, so that every member can see it and the channel gets no extra message) and shown
   * by an image block. A picture that cannot be drawn or uploaded leaves a line saying so; the
   * message still goes out.
   */
  async #withChart(channel: string, message: SlackMessage, threadRef: string | undefined): Promise<KnownBlock[]> {
    const chart: ChartToUpload | undefined = message.chart;
    if (chart === undefined) return message.blocks;
    const uploaded = await this.#charts.uploadChart({
      data: chart,
      render: () => renderSmallMultiples(chart.title, chart.series, chart.locale),
      destination: threadRef !== undefined ? { kind: 'conversation', channel, threadTs: threadRef } : { kind: 'conversation', channel },
      filename: chart.filename,
      title: chart.title,
    });
    if (uploaded.ok) return [...message.blocks, uploaded.chart.block];
    this.#logger.warn(`a scheduled message went without its chart: ${describeChartFailure(uploaded.failure)}`, { channel });
    return [...message.blocks, context('_The chart could not be drawn or uploaded this time._')];
  }

  /**
   * The conversation a lane posts to: a channel id as is; a person (a `U…`/`W…` user id, the lane of
   * a check-in DM) their DM's `D…` id, opened with `conversations.open` (`im:write`). Posting to a
   * user id works, but `conversations.history` (the crash recovery) and `chat.update` need the
   * DM's own id.
   */
  async conversationOf(lane: string): Promise<string> {
    if (!/^[UW][A-Z0-9]+$/.test(lane)) return lane;
    const known = this.#dms.get(lane);
    if (known !== undefined) return known;
    const opened = await this.#client.conversations.open({ users: lane });
    const id = opened.channel?.id;
    if (typeof id !== 'string') throw new Error(`Slack opened no DM with ${lane}.`);
    this.#dms.set(lane, id);
    return id;
  }

  /** Posts part `part` (0: to the channel; later parts: into the thread of `threadRef`) with metadata naming it, at once. */
  async post(lane: string, message: SlackMessage, key: MessageKey, part: number, threadRef?: string): Promise<PostOutcome> {
    try {
      const channel = await this.conversationOf(lane);
      const blocks = await this.#withChart(channel, message, threadRef);
      const result = await this.#joiningIfNeeded(channel, () =>
        this.#client.chat.postMessage({
          channel,
          text: message.text,
          blocks,
          ...(threadRef !== undefined ? { thread_ts: threadRef } : {}),
          metadata: { event_type: key.eventType, event_payload: { ...key.fields, part } },
        }),
      );
      if (typeof result.ts !== 'string') return { kind: 'unknown', code: 'no_ts_in_answer' };
      return { kind: 'delivered', ref: result.ts };
    } catch (error) {
      return classify(error);
    }
  }

  /**
   * What of `key` is already in the channel: its first message (found in channel history from
   * `since` on by its metadata, unless `knownRef` is given) and how many of its parts (first
   * message + thread replies).
   */
  async findPosted(lane: string, key: MessageKey, since: Date, knownRef: string | null): Promise<LookupOutcome> {
    try {
      const channel = await this.conversationOf(lane);
      return await this.#joiningIfNeeded(channel, async () => {
        const ref = knownRef ?? (await this.#findFirstMessage(channel, key, since));
        if (ref === null) return { kind: 'found', ref: null, partsPosted: 0 } as const;
        const replies = await this.#client.conversations.replies({ channel, ts: ref, include_all_metadata: true, limit: PAGE_SIZE });
        let partsPosted = 1;
        for (const reply of replies.messages ?? []) {
          const part = partOf(reply, key);
          if (part !== undefined) partsPosted = Math.max(partsPosted, part + 1);
        }
        return { kind: 'found', ref, partsPosted } as const;
      });
    } catch (error) {
      // Reading needs membership, posting does not (`chat:write.public`): a read's `not_in_channel`
      // says nothing about whether kpibot may post, so it must not pause the subscription.
      return classify(error, { read: true });
    }
  }

  /** A DM (posting to a user id opens the bot's DM with them). */
  async notify(userId: string, text: string): Promise<void> {
    try {
      await this.#client.chat.postMessage({ channel: userId, text });
    } catch (error) {
      this.#logger.warn('could not DM the owner', { userId, slackError: classify(error).code });
    }
  }

  async #findFirstMessage(channel: string, key: MessageKey, since: Date): Promise<string | null> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const history = await this.#client.conversations.history({
        channel,
        oldest: (since.getTime() / 1000).toFixed(6),
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
        this.#logger.warn('kpibot could not join a channel it posts to', { channel, slackError: platformErrorOf(joinError) ?? 'request_failed' });
        throw error;
      }
      return call();
    }
  }
}

/** Slack's answer as the core's outcome. */
function classify(error: unknown, options: { read?: boolean } = {}): PostFailure {
  const code = fieldOf(error, 'code');
  if (code === ErrorCode.RateLimitedError) {
    const retryAfter = Number(fieldOf(error, 'retryAfter')) || 1;
    return { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: retryAfter * 1000 };
  }
  if (code === ErrorCode.PlatformError) {
    const slackError = platformErrorOf(error) ?? 'unknown_error';
    if (CHANNEL_GONE.has(slackError) && !(options.read && slackError === 'not_in_channel')) return { kind: 'channel_gone', code: slackError };
    if (TOKEN_REFUSED.has(slackError)) return { kind: 'token_refused', code: slackError };
    return { kind: 'refused', code: slackError };
  }
  if (code === ErrorCode.HTTPError) return { kind: 'unknown', code: `http_${String(fieldOf(error, 'statusCode'))}` };
  return { kind: 'unknown', code: typeof code === 'string' ? code : 'request_failed' };
}

/** Slack's `error` of a platform error (`not_in_channel`), else undefined. */
function platformErrorOf(error: unknown): string | undefined {
  if (fieldOf(error, 'code') !== ErrorCode.PlatformError) return undefined;
  const slackError = fieldOf(fieldOf(error, 'data'), 'error');
  return typeof slackError === 'string' ? slackError : undefined;
}

/** A property of an unknown value (a thrown error, Slack's metadata), read without a cast. */
function fieldOf(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const field: unknown = Reflect.get(value, name);
  return field;
}

/** The part number of a message matching `key`, or undefined for any other message. */
function partOf(message: { metadata?: { event_type?: string; event_payload?: unknown } }, key: MessageKey): number | undefined {
  if (message.metadata?.event_type !== key.eventType) return undefined;
  const payload = message.metadata.event_payload;
  if (typeof payload !== 'object' || payload === null) return undefined;
  for (const [field, wanted] of Object.entries(key.fields)) {
    if ((fieldOf(payload, field) ?? key.defaults?.[field]) !== wanted) return undefined;
  }
  const part = fieldOf(payload, 'part');
  return typeof part === 'number' ? part : 0;
}
