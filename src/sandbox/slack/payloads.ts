import { randomBytes } from 'node:crypto';
import {
  SANDBOX_APP_ID,
  SANDBOX_BOT_ID,
  SANDBOX_BOT_USER_ID,
  SANDBOX_CHANNEL_ID,
  SANDBOX_CHANNEL_NAME,
  SANDBOX_TEAM_DOMAIN,
  SANDBOX_TEAM_ID,
  SANDBOX_USER_ID,
  SANDBOX_USER_NAME,
  SANDBOX_VERIFICATION_TOKEN,
} from './defaults.js';
import type { SimMessage, SimView } from './types.js';

/**
 * Request bodies shaped exactly as Slack sends them to an app's Request URL:
 * - slash commands: a plain form (https://docs.slack.dev/interactivity/implementing-slash-commands),
 * - interactions: a form whose one field `payload` holds JSON
 *   (https://docs.slack.dev/reference/interaction-payloads),
 * - Events API: a JSON envelope (https://docs.slack.dev/apis/events-api).
 * Every builder has defaults for the sandbox workspace. A trigger_id or response_url not given is
 * well-formed but unknown to the simulator; the driver fills in real ones from the simulator.
 */

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** Options every builder takes: who the workspace and app are, and the clock for `*_ts` fields. */
export interface PayloadContext {
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  token?: string;
  /** Milliseconds since the epoch; default `Date.now()`. */
  now?: number;
}

/** A user as interaction payloads carry it; a bare id gets the sandbox defaults for the rest. */
export type PayloadUser = string | { id: string; username?: string; name?: string; team_id?: string };

interface Resolved {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  token: string;
  now: number;
}

function resolve(ctx: PayloadContext): Resolved {
  return {
    teamId: ctx.teamId ?? SANDBOX_TEAM_ID,
    teamDomain: ctx.teamDomain ?? SANDBOX_TEAM_DOMAIN,
    apiAppId: ctx.apiAppId ?? SANDBOX_APP_ID,
    token: ctx.token ?? SANDBOX_VERIFICATION_TOKEN,
    now: ctx.now ?? Date.now(),
  };
}

function userObject(user: PayloadUser | undefined, teamId: string): { id: string; username: string; name: string; team_id: string } {
  const u = typeof user === 'string' ? { id: user } : (user ?? { id: SANDBOX_USER_ID, username: SANDBOX_USER_NAME });
  const username = u.username ?? u.name ?? (u.id === SANDBOX_USER_ID ? SANDBOX_USER_NAME : u.id.toLowerCase());
  return { id: u.id, username, name: u.name ?? username, team_id: u.team_id ?? teamId };
}

/** Slack's `<seconds>.<micros>` timestamps. */
function slackTs(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${String((nowMs % 1000) * 1000).padStart(6, '0')}`;
}

/** A trigger_id of Slack's shape; unknown to any simulator, so views.open with it fails. */
export function placeholderTriggerId(): string {
  return `${Math.floor(Math.random() * 1e12)}.${Math.floor(Math.random() * 1e11)}.${randomBytes(16).toString('hex')}`;
}

/** A response_url of Slack's shape pointing nowhere reachable. */
export function placeholderResponseUrl(teamId = SANDBOX_TEAM_ID): string {
  return `https://hooks.slack.com/commands/${teamId}/${Math.floor(Math.random() * 1e12)}/${randomBytes(12).toString('base64url')}`;
}

function asForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function asPayloadForm(payload: Record<string, unknown>): string {
  return asForm({ payload: JSON.stringify(payload) });
}

// ---------------------------------------------------------------------------------------------
// Slash commands

export interface SlashCommandInput extends PayloadContext {
  /** Default `/kpi`. */
  command?: string;
  text?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** A slash command's form body (every value a string, as Slack posts it). */
export function slashCommand(input: SlashCommandInput = {}): string {
  const r = resolve(input);
  const userId = input.userId ?? SANDBOX_USER_ID;
  return asForm({
    token: r.token,
    team_id: r.teamId,
    team_domain: r.teamDomain,
    channel_id: input.channelId ?? SANDBOX_CHANNEL_ID,
    channel_name: input.channelName ?? (input.channelId === undefined ? SANDBOX_CHANNEL_NAME : 'directmessage'),
    user_id: userId,
    user_name: input.userName ?? userObject(userId, r.teamId).username,
    command: input.command ?? '/kpi',
    // Slack escapes the typed text as it escapes all text (&, <, > as entities), so the app must
    // decode it: https://api.slack.com/reference/surfaces/formatting#escaping
    text: escapeLikeSlack(input.text ?? ''),
    api_app_id: r.apiAppId,
    // The payload for commands gives the string 'false', not a boolean.
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? placeholderResponseUrl(r.teamId),
    trigger_id: input.triggerId ?? placeholderTriggerId(),
  });
}

/** Slack's own escaping, kept apart from the app's escapeMrkdwn so a bug there cannot hide here. */
function escapeLikeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------
// Views inside payloads

/** A view as payloads carry it; anything not given gets the value a fresh modal would have. */
export type PayloadViewInput = Partial<Omit<SimView, 'state'>> & { state?: { values: Record<string, Record<string, unknown>> } };

export function payloadView(input: PayloadViewInput, ctx: PayloadContext = {}): Record<string, unknown> {
  const r = resolve(ctx);
  const { user_id: _notSlack, ...view } = input;
  const id = view.id ?? `V0${randomBytes(4).toString('hex').toUpperCase()}`;
  return {
    id,
    team_id: r.teamId,
    type: 'modal',
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    hash: `${Math.floor(r.now / 1000)}.${randomBytes(4).toString('hex')}`,
    title: { type: 'plain_text', text: 'kpibot', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: id,
    app_id: r.apiAppId,
    external_id: '',
    app_installed_team_id: r.teamId,
    bot_id: SANDBOX_BOT_ID,
    ...view,
  };
}

// ---------------------------------------------------------------------------------------------
// block_actions

/** One element action; `type` defaults to button, `block_id` to a generated id. */
export interface ActionInput {
  action_id: string;
  block_id?: string;
  type?: string;
  value?: string;
  selected_option?: { text: { type: 'plain_text'; text: string; emoji?: boolean }; value: string } | null;
  [field: string]: unknown;
}

export interface BlockActionsInput extends PayloadContext {
  user?: PayloadUser;
  actions: ActionInput[];
  /** For an action in a modal or the Home tab. */
  view?: PayloadViewInput;
  /** For an action in a message; its `channel` (a `SimMessage` has one) fills in the container. */
  message?: Partial<SimMessage> & { ts: string };
  channel?: { id: string; name?: string };
  /** Default: derived from `view` or `message`. */
  container?: Record<string, unknown>;
  /** Only actions in messages get one, as in Slack. */
  responseUrl?: string;
  triggerId?: string;
  /** Defaults to the view's state, if any. */
  state?: { values: Record<string, Record<string, unknown>> };
}

export function blockActions(input: BlockActionsInput): string {
  const r = resolve(input);
  const view = input.view === undefined ? undefined : payloadView(input.view, input);
  const channelId = input.channel?.id ?? input.message?.channel;
  const channel = channelId === undefined ? undefined : { id: channelId, name: input.channel?.name ?? (channelId === SANDBOX_CHANNEL_ID ? SANDBOX_CHANNEL_NAME : channelId.toLowerCase()) };
  const container =
    input.container ??
    (view !== undefined
      ? { type: 'view', view_id: view.id }
      : { type: 'message', message_ts: input.message?.ts, channel_id: channelId, is_ephemeral: false });
  let message: Record<string, unknown> | undefined;
  if (input.message !== undefined) {
    const { channel: _channel, ...rest } = input.message;
    message = { type: 'message', user: SANDBOX_BOT_USER_ID, bot_id: SANDBOX_BOT_ID, app_id: r.apiAppId, team: r.teamId, text: '', ...rest };
  }
  const actionTs = slackTs(r.now);
  const state = input.state ?? (view?.state as BlockActionsInput['state']);
  return asPayloadForm({
    type: 'block_actions',
    user: userObject(input.user, r.teamId),
    api_app_id: r.apiAppId,
    token: r.token,
    container,
    trigger_id: input.triggerId ?? placeholderTriggerId(),
    team: { id: r.teamId, domain: r.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    ...(channel ? { channel } : {}),
    ...(message ? { message } : {}),
    ...(view ? { view } : {}),
    ...(state ? { state } : {}),
    ...(view === undefined ? { response_url: input.responseUrl ?? placeholderResponseUrl(r.teamId) } : {}),
    actions: input.actions.map((a) => ({
      type: 'button',
      block_id: a.block_id ?? randomBytes(3).toString('base64url'),
      action_ts: actionTs,
      ...a,
    })),
  });
}

// ---------------------------------------------------------------------------------------------
// block_suggestion (external_select options)

export interface BlockSuggestionInput extends PayloadContext {
  actionId: string;
  blockId: string;
  /** What the user has typed so far. */
  value: string;
  view: PayloadViewInput;
  user?: PayloadUser;
}

export function blockSuggestion(input: BlockSuggestionInput): string {
  const r = resolve(input);
  const view = payloadView(input.view, input);
  return asPayloadForm({
    type: 'block_suggestion',
    user: userObject(input.user, r.teamId),
    container: { type: 'view', view_id: view.id },
    api_app_id: r.apiAppId,
    token: r.token,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: { id: r.teamId, domain: r.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view,
  });
}

// ---------------------------------------------------------------------------------------------
// view_submission / view_closed

export interface ViewSubmissionInput extends PayloadContext {
  view: PayloadViewInput;
  user?: PayloadUser;
  triggerId?: string;
  /** Present only when the modal has blocks with `response_url_enabled`. */
  responseUrls?: Array<{ block_id: string; action_id: string; channel_id: string; response_url: string }>;
}

export function viewSubmission(input: ViewSubmissionInput): string {
  const r = resolve(input);
  return asPayloadForm({
    type: 'view_submission',
    team: { id: r.teamId, domain: r.teamDomain },
    user: userObject(input.user, r.teamId),
    api_app_id: r.apiAppId,
    token: r.token,
    trigger_id: input.triggerId ?? placeholderTriggerId(),
    view: payloadView(input.view, input),
    response_urls: input.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export interface ViewClosedInput extends PayloadContext {
  view: PayloadViewInput;
  user?: PayloadUser;
  /** True when the whole stack was closed (the modal had `clear_on_close`). */
  isCleared?: boolean;
}

/** Sent only for views opened with `notify_on_close: true`. */
export function viewClosed(input: ViewClosedInput): string {
  const r = resolve(input);
  return asPayloadForm({
    type: 'view_closed',
    team: { id: r.teamId, domain: r.teamDomain },
    user: userObject(input.user, r.teamId),
    api_app_id: r.apiAppId,
    token: r.token,
    view: payloadView(input.view, input),
    is_cleared: input.isCleared ?? false,
    is_enterprise_install: false,
    enterprise: null,
  });
}

// ---------------------------------------------------------------------------------------------
// Global shortcut

export interface GlobalShortcutInput extends PayloadContext {
  callbackId: string;
  user?: PayloadUser;
  triggerId?: string;
}

export function globalShortcut(input: GlobalShortcutInput): string {
  const r = resolve(input);
  const { name: _name, ...user } = userObject(input.user, r.teamId);
  return asPayloadForm({
    type: 'shortcut',
    token: r.token,
    action_ts: slackTs(r.now),
    team: { id: r.teamId, domain: r.teamDomain },
    user,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? placeholderTriggerId(),
  });
}

// ---------------------------------------------------------------------------------------------
// Events API

export interface EventCallbackInput extends PayloadContext {
  /** Default `Ev` + random. Slack resends the same id on retries. */
  eventId?: string;
  botUserId?: string;
  /** An org-level install on Enterprise Grid: the envelope then names the organisation. */
  enterpriseId?: string;
  /** An org-level event that names no workspace: `team_id` left out of the envelope and its authorization. */
  withoutTeam?: boolean;
}

/** Wraps an inner event in Slack's `event_callback` envelope (a JSON body). */
export function eventCallback(event: Record<string, unknown>, input: EventCallbackInput = {}): string {
  const r = resolve(input);
  return JSON.stringify({
    token: r.token,
    ...(input.withoutTeam ? {} : { team_id: r.teamId }),
    api_app_id: r.apiAppId,
    event: { event_ts: slackTs(r.now), ...event },
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(r.now / 1000),
    ...(input.enterpriseId !== undefined ? { enterprise_id: input.enterpriseId, is_enterprise_install: true } : {}),
    authorizations: [
      {
        enterprise_id: input.enterpriseId ?? null,
        team_id: input.withoutTeam ? null : r.teamId,
        user_id: input.botUserId ?? SANDBOX_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: input.enterpriseId !== undefined,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  });
}

export interface AppHomeOpenedInput extends EventCallbackInput {
  user?: string;
  /** Default `home`. */
  tab?: 'home' | 'messages';
  /** The app's DM channel with the user; default derived from the user id like the simulator's. */
  channel?: string;
  /** The Home view currently published for this user, if any (Slack includes it). */
  view?: PayloadViewInput;
}

export function appHomeOpened(input: AppHomeOpenedInput = {}): string {
  const user = input.user ?? SANDBOX_USER_ID;
  return eventCallback(
    {
      type: 'app_home_opened',
      user,
      channel: input.channel ?? `D${user.slice(1)}`,
      tab: input.tab ?? 'home',
      ...(input.view ? { view: payloadView({ type: 'home', ...input.view }, input) } : {}),
    },
    input,
  );
}

export interface FunctionExecutedInput extends EventCallbackInput {
  /** The step's `callback_id` in the manifest's `functions`. */
  callbackId: string;
  /** The values the workflow gave the step's input parameters. */
  inputs?: Record<string, unknown>;
  /** Default `Fx` + random; Slack keeps it when it redelivers the event. */
  functionExecutionId?: string;
  workflowExecutionId?: string;
  /** The token the step completes with (Bolt's client uses it); none: the app's bot token. */
  botAccessToken?: string;
}

/**
 * A `function_executed` event: Workflow Builder runs one of the app's steps.
 * https://docs.slack.dev/reference/events/function_executed/
 */
export function functionExecuted(input: FunctionExecutedInput): string {
  const r = resolve(input);
  return eventCallback(
    {
      type: 'function_executed',
      function: {
        id: `Fn${randomBytes(5).toString('hex').toUpperCase()}`,
        callback_id: input.callbackId,
        title: input.callbackId,
        description: '',
        type: 'app',
        input_parameters: [],
        output_parameters: [],
        app_id: r.apiAppId,
        date_created: Math.floor(r.now / 1000),
        date_updated: Math.floor(r.now / 1000),
        date_deleted: 0,
      },
      inputs: input.inputs ?? {},
      function_execution_id: input.functionExecutionId ?? `Fx${randomBytes(5).toString('hex').toUpperCase()}`,
      workflow_execution_id: input.workflowExecutionId ?? `Wx${randomBytes(5).toString('hex').toUpperCase()}`,
      ...(input.botAccessToken !== undefined ? { bot_access_token: input.botAccessToken } : {}),
    },
    input,
  );
}

/** The handshake Slack sends when a Request URL is saved; the app must echo `challenge`. */
export function urlVerification(challenge: string, input: PayloadContext = {}): string {
  return JSON.stringify({ token: resolve(input).token, challenge, type: 'url_verification' });
}
