/**
 * The simulator's request pipeline: route → request log → injected fault → auth → handler. Faults come
 * before auth on purpose: they stand for the network and Gtmhub's gateway (rate limits, resets),
 * which act before any credential is looked at.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../log.js';
import { authenticate, loggableHeaders, userOfRequest } from './auth.js';
import { SimHttpError, badRequest, notFound } from './errors.js';
import type { Fault, FaultController } from './faults.js';
import { HANDLERS, type SimUser } from './handlers/index.js';
import type { RecordedRequest } from './request-log.js';
import { matchRoute } from './routes.js';
import type { SimState } from './state.js';

/** Bodies above this are refused with 413: KPI bodies are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;
const API_PREFIX = '/api';

export interface PipelineDeps {
  state: SimState;
  faults: FaultController;
  tokens: ReadonlyMap<string, SimUser>;
  accountId: string;
  now: () => Date;
  logger: Logger;
  requests: RecordedRequest[];
  requestLogLimit: number;
}

export interface SimServer {
  server: Server;
  /** Destroys every socket (hung requests too), cancels pending latency and closes the server. */
  close(): Promise<void>;
}

export function createSimServer(deps: PipelineDeps): SimServer {
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    handle(req, res, deps, delay).catch((error: unknown) => {
      deps.logger.error('gtmhub simulator: request failed', { method: req.method, url: req.url, error });
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: 'Internal simulator error.' });
    });
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Answers and records the status; a string body is sent as is (the malformed fault's broken JSON). */
type Answer = (status: number, body?: unknown, headers?: Record<string, string>) => void;

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PipelineDeps,
  delay: (ms: number) => Promise<void>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  const rawBody = await readBody(req);
  const record: RecordedRequest = {
    method,
    path: url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname,
    route: null,
    query: Object.fromEntries(url.searchParams),
    headers: loggableHeaders(req.headers),
    body: parseLoggedBody(rawBody),
    status: null,
    time: deps.now(),
  };
  const user = userOfRequest(req.headers, deps.tokens);
  if (user) record.userId = user.userId;
  deps.requests.push(record);
  if (deps.requests.length > deps.requestLogLimit) deps.requests.splice(0, deps.requests.length - deps.requestLogLimit);

  const answer: Answer = (status, body, headers = {}) => {
    record.status = status;
    deps.logger.debug('gtmhub simulator', { method, path: record.path, route: record.route, status });
    if (typeof body === 'string') {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body);
    } else if (status === 204 || body === undefined) {
      res.writeHead(status, headers).end();
    } else {
      sendJson(res, status, body, headers);
    }
  };

  try {
    if (rawBody === TOO_LARGE) throw new SimHttpError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw notFound(`No route ${method} ${url.pathname}: paths start with /api/.`);
    const route = matchRoute(method, record.path);
    record.route = route.key;

    const fault = deps.faults.draw(route.key);
    if (fault) {
      record.fault = fault;
      if (await applyFault(fault, req, answer, delay)) return;
    }

    const user = authenticate(req.headers, deps.tokens, deps.accountId);
    const result = HANDLERS[route.key]({
      params: route.params,
      query: record.query,
      json: () => parseJsonBody(rawBody),
      user,
      state: deps.state,
      now: deps.now,
    });
    answer(result.status, result.body);
  } catch (error) {
    if (!(error instanceof SimHttpError)) throw error;
    answer(error.status, { message: error.message }, error.headers);
  }
}

/** Applies the non-latency part of a fault; true when the fault answered (or chose not to). */
async function applyFault(
  fault: Fault,
  req: IncomingMessage,
  answer: Answer,
  delay: (ms: number) => Promise<void>,
): Promise<boolean> {
  if (fault.latencyMs) await delay(fault.latencyMs);
  if (fault.hang) return true; // close() destroys the socket
  if (fault.reset) {
    req.socket.destroy();
    return true;
  }
  if (fault.malformed) {
    // Cut in the middle of an object: what a proxy that drops the connection mid-body leaves.
    answer(200, '{"items":[{"id":"5e8c27e3dcdd');
    return true;
  }
  if (fault.status !== undefined) {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    answer(fault.status, fault.body ?? { message: `Injected fault: status ${fault.status}.` }, headers);
    return true;
  }
  return false;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    })
    .end(text);
}

const TOO_LARGE = Symbol('too large');

function readBody(req: IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseLoggedBody(raw: string | typeof TOO_LARGE): unknown {
  if (raw === TOO_LARGE) return '[body too large]';
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') throw badRequest('A JSON body is required.');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}
