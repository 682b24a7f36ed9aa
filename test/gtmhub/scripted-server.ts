/**
 * A tiny real HTTP server on 127.0.0.1:0 whose answers a test scripts one by one, for the transport
 * behaviours the simulator cannot express exactly (echoed secrets, odd bodies, precise sequences).
 * It records every request with its arrival time on the server's clock.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path as received, with the query. */
  url: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request (with its body) had arrived. */
  arrivedAt: number;
}

/**
 * What to do with one request: answer it, reset its connection, or never answer.
 * `answer` may be a function of the request.
 */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string>; raw?: string }
  | { reset: true }
  | { hang: true };

export interface ScriptedServer {
  /** Base URL with the `/api` prefix, like Gtmhub's. */
  url: string;
  origin: string;
  requests: SeenRequest[];
  /** Replies in order; the last one repeats. */
  script(...replies: Array<Reply | ((req: SeenRequest) => Reply)>): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  let replies: Array<Reply | ((req: SeenRequest) => Reply)> = [{ status: 200, body: {} }];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        arrivedAt: performance.now(),
      };
      const index = requests.push(seen) - 1;
      const next = replies[Math.min(index, replies.length - 1)]!;
      answer(typeof next === 'function' ? next(seen) : next, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/api`,
    origin,
    requests,
    script: (...next) => {
      replies = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(reply: Reply, res: ServerResponse): void {
  if ('reset' in reply) {
    res.socket?.destroy();
    return;
  }
  if ('hang' in reply) return;
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(text);
}
