/**
 * The simulator's view of a Slack workspace. Shapes follow the Web API's JSON (snake_case) so that
 * what a test reads from the simulator can be passed straight into a payload builder.
 */

/** A member as `users.info` returns it. `tz_offset` is in seconds, as Slack sends it. */
export interface SimUser {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  locale: string;
  is_admin: boolean;
  is_owner: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  /** `profile.email`, sent only to an install with `users:read.email`. */
  email?: string;
}

/** A public or private channel. `members` decides what the bot (and users) may post or read. */
export interface SimChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  members: string[];
}

/** Slack's message metadata: https://docs.slack.dev/messaging/message-metadata */
export interface SimMessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface SimMessage {
  type: 'message';
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SimMessageMetadata;
  edited?: { user: string; ts: string };
}

/** An ephemeral message: seen by one user only, never in history, so kept apart. */
export interface SimEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** A modal or App Home view as Slack returns it from `views.*` and sends it in payloads. */
export interface SimView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: { type: 'plain_text'; text: string; emoji?: boolean };
  submit?: { type: 'plain_text'; text: string; emoji?: boolean } | null;
  close?: { type: 'plain_text'; text: string; emoji?: boolean } | null;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Not in Slack's JSON: who sees the view (modal opener, or the Home tab's owner). */
  user_id?: string;
}

/** One Web API call as the simulator received it, after form/JSON decoding and without the token. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** Milliseconds since the epoch, from the simulator's clock. */
  time: number;
  /** chat.postMessage only: the conversation id the post went (or was meant) to, whatever form `channel` took. */
  channelId?: string;
}

/** One post to a response_url. */
export interface RecordedResponse {
  url: string;
  body: Record<string, unknown>;
  time: number;
}

/**
 * What `failNext` makes a method answer instead of its real result: an error, a rate limit, or its
 * real result only after `latencyMs` (a slow Slack, which the WebClient simply waits for).
 */
export type InjectedFailure = { error: string } | { status: 429; retryAfterSeconds: number } | { latencyMs: number };
