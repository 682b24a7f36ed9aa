/**
 * The port the scheduling core posts through. It speaks in typed outcomes, never in a chat
 * platform's errors: the Slack adapter behind it (slack/scheduling/slack-post-port.ts) turns
 * Slack's answers into these, so the core and its kinds import nothing of Slack. `M` is a message
 * as the adapter posts it (a kind's `render` makes them).
 */

/** What a posted message names in its metadata, so that it can be found again after a crash. */
export interface MessageKey {
  /** The metadata's event type (`kpibot_digest`). */
  eventType: string;
  /** Fields a message must carry to match (besides its part number). */
  fields: Readonly<Record<string, string>>;
  /** What a field missing from an older message's metadata counts as. */
  defaults?: Readonly<Record<string, string>>;
}

/**
 * - `channel_gone`: the lane is deleted/hidden, archived, or the bot is not in it;
 * - `token_refused`: the bot token no longer works (revoked, app uninstalled, account deactivated);
 * - `rate_limited`: the platform asked to wait `retryAfterMs` before the next call;
 * - `refused`: any other answer: the message was definitely not posted;
 * - `unknown`: no answer (network, HTTP 5xx, timeout): the message may or may not have been posted.
 * `code` is the platform's error code, for logs and sentences.
 */
export type PostFailure =
  | { kind: 'channel_gone'; code: string }
  | { kind: 'token_refused'; code: string }
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  | { kind: 'refused'; code: string }
  | { kind: 'unknown'; code: string };

export type PostOutcome = { kind: 'delivered'; ref: string } | PostFailure;

/** What of a piece of work is already in its lane: its first message and how many parts. */
export type LookupOutcome = { kind: 'found'; ref: string | null; partsPosted: number } | PostFailure;

export interface PostPort<M> {
  /** Posts part `part` (0: to the lane; later parts: into the thread of `threadRef`), its metadata naming `key`. */
  post(lane: string, message: M, key: MessageKey, part: number, threadRef?: string): Promise<PostOutcome>;
  /**
   * What of `key` is in `lane`: its first message (found from `since` on, unless `knownRef` is
   * given) and how many parts. A read refused for want of membership is `refused`, not `channel_gone`.
   */
  findPosted(lane: string, key: MessageKey, since: Date, knownRef: string | null): Promise<LookupOutcome>;
  /** A direct message to a person (the owner of work that needs attention); failures are logged, not thrown. */
  notify(userId: string, text: string): Promise<void>;
}
