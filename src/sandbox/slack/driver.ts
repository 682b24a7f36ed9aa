import { request } from 'undici';
import { SlackDriverError } from './errors.js';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  eventCallback,
  FORM_CONTENT_TYPE,
  functionExecuted,
  globalShortcut,
  JSON_CONTENT_TYPE,
  slashCommand,
  urlVerification,
  viewClosed,
  viewSubmission,
  type AppHomeOpenedInput,
  type BlockActionsInput,
  type BlockSuggestionInput,
  type EventCallbackInput,
  type FunctionExecutedInput,
  type GlobalShortcutInput,
  type SlashCommandInput,
  type ViewClosedInput,
  type ViewSubmissionInput,
} from './payloads.js';
import { signSlackRequest } from './sign.js';

/** Bolt refuses requests whose timestamp is more than five minutes old (replay protection). */
const STALE_AFTER_SECONDS = 5 * 60;

/**
 * Slack waits this long for the app's HTTP answer to a command, interaction, options request or
 * event; after it, Slack shows the user an error (`operation_timeout`) and ignores a late answer.
 */
export const SLACK_ACK_TIMEOUT_MS = 3_000;

/** Where fresh trigger_ids and response_urls come from: usually the simulator. */
export interface InteractionSource {
  issueTriggerId(context?: { viewId?: string; userId?: string }): string;
  /** A response_url for a request of `userId` (default the sandbox user): its ephemeral replies are that person's. */
  newResponseUrl(userId?: string): string;
}

export interface SlackDriverOptions {
  /** The app's Request URL, e.g. `http://127.0.0.1:P/slack/events`. */
  appUrl: string;
  signingSecret: string;
  /** Milliseconds since the epoch; signs with this clock. Default `Date.now`. */
  now?: () => number;
  /** When given, every payload gets a trigger_id and response_url the simulator will honour. */
  slack?: InteractionSource;
  /**
   * Give up on an answer slower than this, as Slack does (`SLACK_ACK_TIMEOUT_MS`): the request is
   * aborted and reported as `{ status: 0, timedOut: true }`. Default: wait as long as the app takes
   * (the workbench measures the time itself).
   */
  ackWithinMs?: number;
}

export interface SendOptions {
  /** Sign with a wrong secret, as a forger would. */
  badSignature?: boolean;
  /** Sign with a timestamp older than the five minutes Bolt accepts. */
  stale?: boolean;
  /** Sign and send with this timestamp (seconds) instead of the clock's. */
  timestamp?: number;
  /** Sends `X-Slack-Retry-Num` (and `X-Slack-Retry-Reason`), as Slack does when it redelivers an event. */
  retryNum?: number;
  retryReason?: 'http_timeout' | 'http_error' | 'too_many_requests' | 'ssl_error' | 'connection_failed' | 'unknown_error';
}

export interface DriverResponse {
  /** The HTTP status; 0 when the driver gave up waiting (`timedOut`). */
  status: number;
  /** The app did not answer within `ackWithinMs`: Slack would have failed with `operation_timeout`. */
  timedOut: boolean;
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when the app answered JSON; otherwise undefined. */
  json: unknown;
}

export interface SlackDriver {
  send(body: string, contentType: string, options?: SendOptions): Promise<DriverResponse>;
  command(text: string, input?: Omit<SlashCommandInput, 'text'>, options?: SendOptions): Promise<DriverResponse>;
  action(input: BlockActionsInput, options?: SendOptions): Promise<DriverResponse>;
  suggestion(input: BlockSuggestionInput, options?: SendOptions): Promise<DriverResponse>;
  submitView(input: ViewSubmissionInput, options?: SendOptions): Promise<DriverResponse>;
  closeView(input: ViewClosedInput, options?: SendOptions): Promise<DriverResponse>;
  shortcut(input: GlobalShortcutInput, options?: SendOptions): Promise<DriverResponse>;
  /** An `app_home_opened` event, or any inner event (it gets the `event_callback` envelope). */
  event(event: Record<string, unknown>, input?: EventCallbackInput, options?: SendOptions): Promise<DriverResponse>;
  appHomeOpened(input?: AppHomeOpenedInput, options?: SendOptions): Promise<DriverResponse>;
  /** Workflow Builder runs one of the app's steps (a `function_executed` event). */
  functionExecuted(input: FunctionExecutedInput, options?: SendOptions): Promise<DriverResponse>;
  urlVerification(challenge: string, options?: SendOptions): Promise<DriverResponse>;
}

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * Sends requests to the app exactly as Slack would: signed with the signing secret, with Slack's
 * headers, over loopback HTTP. Error statuses are returned, not thrown, so tests can assert them.
 */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const now = options.now ?? Date.now;

  async function send(body: string, contentType: string, sendOptions: SendOptions = {}): Promise<DriverResponse> {
    const current = Math.floor(now() / 1000);
    const timestamp = sendOptions.timestamp ?? (sendOptions.stale ? current - STALE_AFTER_SECONDS - 60 : current);
    const secret = sendOptions.badSignature ? `${options.signingSecret}-forged` : options.signingSecret;
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(secret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (sendOptions.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(sendOptions.retryNum);
      headers['x-slack-retry-reason'] = sendOptions.retryReason ?? 'http_timeout';
    }
    const cutoff = new AbortController();
    const timer = options.ackWithinMs === undefined ? undefined : setTimeout(() => cutoff.abort(), options.ackWithinMs);
    try {
      const response = await request(options.appUrl, { method: 'POST', headers, body, signal: cutoff.signal });
      const text = await response.body.text();
      const responseHeaders = headerRecord(response.headers);
      let json: unknown;
      if ((responseHeaders['content-type'] ?? '').includes('json') && text !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return { status: response.statusCode, timedOut: false, headers: responseHeaders, body: text, json };
    } catch (error) {
      // Slack stops waiting but the app's work goes on: the request is dropped, not the app.
      if (cutoff.signal.aborted) return { status: 0, timedOut: true, headers: {}, body: '', json: undefined };
      throw new SlackDriverError(options.appUrl, error);
    } finally {
      clearTimeout(timer);
    }
  }

  const trigger = (given: string | undefined, context?: { viewId?: string; userId?: string }): { triggerId?: string } => {
    const id = given ?? options.slack?.issueTriggerId(context);
    return id === undefined ? {} : { triggerId: id };
  };
  const responseUrl = (given: string | undefined, userId?: string): { responseUrl?: string } => {
    const url = given ?? options.slack?.newResponseUrl(userId);
    return url === undefined ? {} : { responseUrl: url };
  };
  const userIdOf = (user: BlockActionsInput['user']): string | undefined => (typeof user === 'string' ? user : user?.id);
  const form = (body: string, o?: SendOptions) => send(body, FORM_CONTENT_TYPE, o);
  const json = (body: string, o?: SendOptions) => send(body, JSON_CONTENT_TYPE, o);
  const clock = () => ({ now: now() });

  return {
    send,
    command: (text, input = {}, o) =>
      form(slashCommand({ ...clock(), ...input, text, ...trigger(input.triggerId, input.userId ? { userId: input.userId } : {}), ...responseUrl(input.responseUrl, input.userId) }), o),
    action: (input, o) => {
      const viewId = input.view?.id;
      const context = { ...(viewId ? { viewId } : {}), ...(userIdOf(input.user) ? { userId: userIdOf(input.user) } : {}) };
      // Slack gives a response_url only to actions in messages, never in views.
      const url = input.view === undefined ? responseUrl(input.responseUrl, userIdOf(input.user)) : {};
      return form(blockActions({ ...clock(), ...input, ...trigger(input.triggerId, context), ...url }), o);
    },
    suggestion: (input, o) => form(blockSuggestion({ ...clock(), ...input }), o),
    submitView: (input, o) => {
      const viewId = input.view.id;
      return form(viewSubmission({ ...clock(), ...input, ...trigger(input.triggerId, viewId ? { viewId } : {}) }), o);
    },
    closeView: (input, o) => form(viewClosed({ ...clock(), ...input }), o),
    shortcut: (input, o) => form(globalShortcut({ ...clock(), ...input, ...trigger(input.triggerId, userIdOf(input.user) ? { userId: userIdOf(input.user) as string } : {}) }), o),
    event: (event, input = {}, o) => json(eventCallback(event, { ...clock(), ...input }), o),
    appHomeOpened: (input = {}, o) => json(appHomeOpened({ ...clock(), ...input }), o),
    functionExecuted: (input, o) => json(functionExecuted({ ...clock(), ...input }), o),
    urlVerification: (challenge, o) => json(urlVerification(challenge), o),
  };
}
