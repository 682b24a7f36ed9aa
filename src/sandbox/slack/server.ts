import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, type Logger } from '../../log.js';
import {
  SANDBOX_APP_ID,
  SANDBOX_APP_TOKEN,
  SANDBOX_BOT_ID,
  SANDBOX_BOT_TOKEN,
  SANDBOX_BOT_USER_ID,
  SANDBOX_TEAM_DOMAIN,
  SANDBOX_TEAM_ID,
  SANDBOX_TEAM_NAME,
  SANDBOX_USER_ID,
} from './defaults.js';
import { SimulatorWaitTimeoutError } from './errors.js';
import { defaultChannels, defaultUsers } from './fixtures.js';
import { handleFileUpload } from './methods/file-upload-endpoint.js';
import { filesOf, type RecordedUnfurl, type SimFile } from './methods/files-state.js';
import { functionCompletionsOf, type RecordedFunctionCompletion } from './methods/functions-state.js';
import { RateLimiter } from './rate-limiter.js';
import type { SlackLimits } from './rate-model.js';
import { ResponseUrls } from './response-urls.js';
import { slackFileProblems } from './methods/slack-file-refs.js';
import { grantScopes, manifestBotScopes, withScopeHeader } from './scopes.js';
import { SocketModeEndpoint, type EnvelopeType, type SocketModeAck } from './socket-mode.js';
import type { InjectedFailure, RecordedCall, RecordedResponse, SimChannel, SimEphemeral, SimMessage, SimUser, SimView } from './types.js';
import { WebApi } from './web-api.js';
import { SimWorkspace } from './workspace.js';

export interface SlackSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The only token the simulator accepts. Default `xoxb-sandbox`. */
  botToken?: string;
  /** The only app-level token apps.connections.open accepts (Socket Mode). Default `xapp-sandbox`. */
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  /**
   * The bot scopes the install was granted, sent in every Web API answer's `x-oauth-scopes` header.
   * Default: every bot scope manifest.yml asks for. Fewer simulate an install older than the manifest.
   */
  scopes?: string[];
  /** Default: `defaultUsers()` — members in several time zones, an admin, an owner, a deleted user, the bot. */
  users?: SimUser[];
  /** Default: `defaultChannels()` — public and private channels the bot is and is not in, one archived. */
  channels?: SimChannel[];
  /** How long a trigger_id can open a view. Default 3000 ms, Slack's documented window. */
  triggerTtlMs?: number;
  /** The clock (ms since the epoch) for trigger expiry, message ts, recorded times and rate limits. Default `Date.now`. */
  now?: () => number;
  /**
   * Slack's rate limits and latency (`rate-model.ts`; `SLACK_LIKE_LIMITS` turns every limit on).
   * Default: none, every call answered at once.
   */
  limits?: SlackLimits;
  /** How an answer is held back (`limits.latencyMs`, injected latencies). Default: a real, unreferenced timer. */
  delay?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Called once per completed file upload (the sandbox saves the image and prints its path). */
  onFileUploaded?: (file: SimFile) => void;
}

export interface SlackSimulator {
  /** What WebClient's `slackApiUrl` expects, with its trailing slash: `http://127.0.0.1:P/api/`. */
  apiUrl: string;
  baseUrl: string;
  botToken: string;
  appToken: string;
  teamId: string;
  botUserId: string;
  /**
   * Sends a Socket Mode envelope to the connected app and resolves with its ack, or with
   * `timedOut` after Slack's 3 s. Rejects with SocketModeNotConnectedError when no app is connected.
   */
  socketSend(type: EnvelopeType, payload: Record<string, unknown>): Promise<SocketModeAck>;
  /** Whether an app holds a Socket Mode connection. */
  socketConnected(): boolean;
  /** Every Web API call, in order, with decoded arguments and without the token. */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A trigger_id that opens one view within `triggerTtlMs`. `viewId` says which modal `views.push` stacks on. */
  issueTriggerId(context?: { viewId?: string; userId?: string }): string;
  /** A response_url on this server; what is posted to it lands in `responses`. */
  /** A response_url for a request of `userId` (default the sandbox user): the one who sees its ephemeral replies. */
  newResponseUrl(userId?: string): string;
  responses: RecordedResponse[];
  /** A channel's (or DM's) messages, oldest first, thread replies included. */
  messages(channel: string): SimMessage[];
  ephemerals(channel?: string): SimEphemeral[];
  /** Files uploaded through files.getUploadURLExternal (completed or not), and chat.unfurl calls Slack accepted. */
  files: { all(): SimFile[]; byId(id: string): SimFile | undefined; unfurls: RecordedUnfurl[] };
  /** Workflow steps the app ended (functions.completeSuccess / completeError), in order. */
  functionCompletions: RecordedFunctionCompletion[];
  views: {
    /** Modals as they were when opened or pushed, in order. */
    opened: SimView[];
    /** A view as it is now. */
    byId(id: string): SimView | undefined;
    home(userId: string): SimView | undefined;
  };
  /** The next `times` calls to `method` answer `failure` instead (after authentication). */
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /** Resolves once `predicate` holds; polls the recorded state, so tests need no sleeps. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  addUser(user: SimUser): void;
  setUser(id: string, patch: Partial<Omit<SimUser, 'id'>>): void;
  addChannel(channel: SimChannel): void;
  setChannel(id: string, patch: Partial<Omit<SimChannel, 'id'>>): void;
  /** Grants these scopes from now on (a reinstall, or an install missing a scope). */
  setScopes(scopes: string[]): void;
  close(): Promise<void>;
}

const silentLogger = (): Logger => createLogger({ level: 'error', write: () => undefined });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A response_url post: JSON as Bolt's `respond` sends it, or a form with a `payload` field. */
function parseResponseBody(contentType: string, raw: string): Record<string, unknown> | undefined {
  try {
    const json = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw).get('payload') : raw;
    const parsed: unknown = JSON.parse(json ?? '');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a Slack Web API simulator on loopback: the real app's WebClient talks to it through
 * `slackApiUrl`, and tests read what the app did (messages, views, response_url posts) from it.
 */
export async function startSlackSimulator(options: SlackSimulatorOptions = {}): Promise<SlackSimulator> {
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? silentLogger()).child({ component: 'slack-simulator' });
  const botToken = options.botToken ?? SANDBOX_BOT_TOKEN;
  const teamId = options.teamId ?? SANDBOX_TEAM_ID;
  const botUserId = options.botUserId ?? SANDBOX_BOT_USER_ID;
  const ws = new SimWorkspace({
    teamId,
    teamName: SANDBOX_TEAM_NAME,
    teamDomain: SANDBOX_TEAM_DOMAIN,
    appId: SANDBOX_APP_ID,
    botUserId,
    botId: SANDBOX_BOT_ID,
    users: options.users ?? defaultUsers(),
    channels: options.channels ?? defaultChannels(),
    triggerTtlMs: options.triggerTtlMs ?? 3000,
    now,
  });
  const limits = options.limits ?? {};
  const api = new WebApi(ws, botToken, new RateLimiter(limits, now));
  // Unreferenced: a latency still pending must not keep a closed simulator's process alive (its socket is gone).
  const delay = options.delay ?? ((ms: number) => sleep(ms, undefined, { ref: false }));
  // An ephemeral reply is seen by the one person it is for: every slack_file in it must be visible to them.
  const responseUrls = new ResponseUrls(now, (blocks, userId) => slackFileProblems(ws, blocks, '/blocks', [userId]));
  const appToken = options.appToken ?? SANDBOX_APP_TOKEN;
  const socketMode = new SocketModeEndpoint({ appToken, appId: SANDBOX_APP_ID, calls: api.calls, now });
  // Read at start, not on the first call: that call's timing is some tests' subject.
  grantScopes(ws, options.scopes ?? manifestBotScopes());

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      logger.error('slack simulator failed to answer a request', { url: req.url, error });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    // Uploads are binary: routed before the body is read as text.
    if (await handleFileUpload(req, res, path, ws)) return;
    const contentType = req.headers['content-type'] ?? '';
    const rawBody = await readBody(req);
    // Socket Mode's one Web API method takes the app-level token, which the bot-token Web API refuses.
    if (req.method === 'POST' && path === '/api/apps.connections.open') {
      sendJson(res, 200, socketMode.openConnection(req.headers.authorization, baseUrl));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const answer = withScopeHeader(ws, api.handle({ method, contentType, authorization: req.headers.authorization, rawBody }));
      logger.debug('web api call', { method, ok: answer.body.ok, error: answer.body.error });
      const delayMs = (answer.delayMs ?? 0) + (limits.latencyMs ?? 0);
      if (delayMs > 0) await delay(delayMs);
      sendJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    if (req.method === 'POST' && responseUrls.accepts(path)) {
      const body = parseResponseBody(contentType, rawBody);
      if (body === undefined) {
        sendJson(res, 400, { ok: false, error: 'invalid_payload' });
        return;
      }
      const answer = responseUrls.post(`${baseUrl}${path}`, path, body);
      logger.debug('response_url post', { status: answer.status });
      sendJson(res, answer.status, answer.body);
      return;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  server.on('upgrade', (req, socket, head) => socketMode.upgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const baseUrl = `http://${host}:${address.port}`;
  filesOf(ws).options = { baseUrl, ...(options.onFileUploaded ? { onCompleted: options.onFileUploaded } : {}) };
  logger.info('slack simulator listening', { baseUrl });

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    botToken,
    appToken,
    teamId,
    botUserId,
    socketSend: (type, payload) => socketMode.send(type, payload),
    socketConnected: () => socketMode.connected,
    calls: api.calls,
    callsTo: (method) => api.calls.filter((c) => c.method === method),
    issueTriggerId: (context) => ws.issueTrigger(context),
    newResponseUrl: (userId) => responseUrls.issue(baseUrl, teamId, userId ?? SANDBOX_USER_ID),
    responses: responseUrls.recorded,
    messages: (channel) => ws.messagesIn(ws.resolve(channel).id),
    ephemerals: (channel) => (channel === undefined ? [...ws.ephemerals] : ws.ephemerals.filter((e) => e.channel === ws.resolve(channel).id)),
    files: { all: () => [...filesOf(ws).files.values()], byId: (id) => filesOf(ws).files.get(id), unfurls: filesOf(ws).unfurls },
    functionCompletions: functionCompletionsOf(ws),
    views: {
      opened: ws.openedViews,
      byId: (id) => ws.views.get(id),
      home: (userId) => {
        const id = ws.homes.get(userId);
        return id === undefined ? undefined : ws.views.get(id);
      },
    },
    failNext: (method, failure, times) => api.failNext(method, failure, times),
    waitFor: (predicate, timeoutMs = 5000) => waitFor(predicate, timeoutMs),
    addUser: (user) => void ws.users.set(user.id, { ...user }),
    setUser: (id, patch) => void ws.users.set(id, { ...ws.findUser(id), ...patch }),
    addChannel: (channel) => void ws.channels.set(channel.id, { ...channel, members: [...channel.members] }),
    setChannel: (id, patch) => {
      const channel = ws.channels.get(id);
      if (channel === undefined) throw new Error(`The simulator has no channel ${id}; add it with addChannel first.`);
      Object.assign(channel, patch);
    },
    setScopes: (scopes) => grantScopes(ws, scopes),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Upgraded WebSocket connections are no longer the HTTP server's to close.
        socketMode.closeAll();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Real-time polling: the state it watches changes when HTTP requests arrive, not with the injected clock. */
async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new SimulatorWaitTimeoutError(timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
