import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SLACK_ACK_TIMEOUT_MS } from './driver.js';
import { SocketModeNotConnectedError } from './errors.js';
import type { RecordedCall } from './types.js';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Socket Mode as Slack runs it (https://docs.slack.dev/apis/events-api/using-socket-mode): the app
 * calls apps.connections.open with its app-level token, opens the WebSocket URL it gets, waits for
 * `hello`, then receives envelopes and acks each with `{ envelope_id, payload? }` within 3 s.
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app answered to one envelope; `timedOut` when it did not ack within Slack's 3 s. */
export interface SocketModeAck {
  envelopeId: string;
  timedOut: boolean;
  /** The ack's `payload` (a response for commands, options or view submissions), when it sent one. */
  payload?: Record<string, unknown>;
}

/** Where the WebSocket path starts; Slack's own URLs are `wss://wss-primary.slack.com/link/?ticket=…`. */
const LINK_PATH = '/link/';

interface Pending {
  resolve(ack: SocketModeAck): void;
  timer: NodeJS.Timeout;
}

export class SocketModeEndpoint {
  private readonly tickets = new Set<string>();
  private readonly connections = new Set<WebSocket>();
  /** `noServer`: the simulator's own HTTP server hands over the upgrade requests of its link path. */
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly options: { appToken: string; appId: string; calls: RecordedCall[]; now: () => number },
  ) {}

  /** apps.connections.open: only the app-level token opens a connection; a bot token is the wrong type. */
  openConnection(authorization: string | undefined, baseUrl: string): Record<string, unknown> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const error = token === undefined ? 'not_authed' : token === this.options.appToken ? undefined : token.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type';
    this.options.calls.push({ method: 'apps.connections.open', args: {}, ok: error === undefined, ...(error ? { error } : {}), time: this.options.now() });
    if (error !== undefined) return { ok: false, error };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { ok: true, url: `${baseUrl.replace(/^http/, 'ws')}${LINK_PATH}?ticket=${ticket}&app_id=${this.options.appId}` };
  }

  /** The HTTP server's `upgrade` event: a ticket from apps.connections.open opens one connection, once. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== LINK_PATH || !this.tickets.delete(ticket)) {
      // As Slack does for a used or unknown ticket: no WebSocket, a plain HTTP refusal.
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (connection) => {
      this.connections.add(connection);
      connection.on('message', (data) => this.receive(String(data)));
      connection.on('close', () => this.connections.delete(connection));
      connection.send(
        JSON.stringify({
          type: 'hello',
          num_connections: this.connections.size,
          debug_info: { host: 'slack-simulator', build_number: 1, approximate_connection_time: 3600 },
          connection_info: { app_id: this.options.appId },
        }),
      );
    });
  }

  get connected(): boolean {
    return this.connections.size > 0;
  }

  /** Sends one envelope to a connected app and resolves with its ack, or `timedOut` after `ackWithinMs`. */
  send(type: EnvelopeType, payload: Record<string, unknown>, ackWithinMs = SLACK_ACK_TIMEOUT_MS): Promise<SocketModeAck> {
    const connection = [...this.connections].at(-1);
    if (connection === undefined) return Promise.reject(new SocketModeNotConnectedError());
    const envelopeId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve({ envelopeId, timedOut: true });
      }, ackWithinMs);
      this.pending.set(envelopeId, { resolve, timer });
      connection.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload(type, payload) }));
    });
  }

  /** Ends every connection at once (the simulator is closing), as a dropped network would. */
  closeAll(): void {
    for (const connection of this.connections) connection.terminate();
    this.wss.close();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ envelopeId: id, timedOut: true });
    }
    this.pending.clear();
  }

  private receive(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const envelopeId = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
    const pending = envelopeId === undefined ? undefined : this.pending.get(envelopeId);
    if (envelopeId === undefined || pending === undefined) return;
    this.pending.delete(envelopeId);
    clearTimeout(pending.timer);
    const payload = typeof message.payload === 'object' && message.payload !== null && Object.keys(message.payload).length > 0 ? (message.payload as Record<string, unknown>) : undefined;
    pending.resolve({ envelopeId, timedOut: false, ...(payload ? { payload } : {}) });
  }
}

/** Slack lets the ack carry a response only where HTTP mode's answer body would: commands, options, view submissions. */
function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  if (type === 'slash_commands') return true;
  return type === 'interactive' && (payload.type === 'block_suggestion' || payload.type === 'view_submission');
}

/**
 * The payload Socket Mode carries for a request body the payload builders make: an interaction's
 * `payload` JSON, or a slash command's form fields as an object of strings.
 */
export function socketModePayload(formBody: string): Record<string, unknown> {
  const fields = new URLSearchParams(formBody);
  const interaction = fields.get('payload');
  return interaction !== null ? (JSON.parse(interaction) as Record<string, unknown>) : Object.fromEntries(fields);
}
