/** Talks to the simulator over real loopback HTTP, as the Gtmhub client will. */
import { request } from 'undici';
import type { GtmhubSimulator, GtmhubSimulatorOptions } from '../../../src/sandbox/gtmhub/index.js';
import { startGtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';

/** A Wednesday in ISO week 2026-W49, so "last week" is 2026-W48 (Nov 23–29). */
export const NOW = new Date('2026-12-02T10:00:00.000Z');

export interface CallOptions {
  query?: Record<string, string | number>;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  /** Default: the simulator's workspace token; null sends no Authorization header. */
  token?: string | null;
  /** Default: the simulator's account; null sends no gtmhub-accountId header. */
  accountId?: string | null;
  /** Give up waiting for the answer's headers after this many ms (for latency and hang faults). */
  headersTimeout?: number;
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: any;
  text: string;
}

export async function call(sim: GtmhubSimulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(sim.url + path);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? sim.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const accountId = options.accountId === undefined ? sim.accountId : options.accountId;
  if (accountId !== null) headers['gtmhub-accountId'] = accountId;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await request(url, { method: method as 'GET', headers, body, headersTimeout: options.headersTimeout });
  const text = await res.body.text();
  let parsed: unknown;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

/** Starts a simulator on a fixed clock; `demo: false` unless asked otherwise. */
export function startSim(options: GtmhubSimulatorOptions = {}): Promise<GtmhubSimulator> {
  return startGtmhubSimulator({ demo: false, now: () => NOW, ...options });
}

/** A valid create body; override what the test is about. */
export function kpiBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'New customers', aggregation: 'sum', targetOperator: 'should_increase', ...overrides };
}
