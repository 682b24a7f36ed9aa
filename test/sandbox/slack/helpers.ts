import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { LogLevel, WebClient, type Logger as SlackLogger, type WebClientOptions } from '@slack/web-api';
import { createSlackDriver, startSlackSimulator, type SlackDriver, type SlackSimulator, type SlackSimulatorOptions } from '../../../src/sandbox/slack/index.js';

/** A clock the test moves by hand, so expiry is tested without waiting. */
export function manualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** WebClient logs `[ERROR]` lines from `response_metadata`; tests that provoke them want quiet. */
export const quietSlackLogger: SlackLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** The real Slack SDK client, pointed at the simulator; no retries unless a test asks for them. */
export function clientFor(sim: SlackSimulator, options: WebClientOptions = {}): WebClient {
  return new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 }, ...options });
}

/** Starts a simulator and returns it with a client and a hand-moved clock. Close it in afterEach. */
export async function simulatorWithClient(options: SlackSimulatorOptions = {}): Promise<{
  sim: SlackSimulator;
  client: WebClient;
  clock: ReturnType<typeof manualClock>;
}> {
  const clock = manualClock();
  const sim = await startSlackSimulator({ now: clock.now, ...options });
  return { sim, client: clientFor(sim), clock };
}

/** The Slack error code of a rejected WebClient call. */
export async function slackError(call: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; data?: Record<string, unknown> };
    return { code: String(e.data?.error ?? e.code), data: e.data ?? {} };
  }
  throw new Error('Expected the Slack call to fail, but it succeeded.');
}

/** A real Bolt app on a loopback port whose client calls the simulator; `listen` adds its listeners. */
export async function startBoltAgainst(sim: SlackSimulator, signingSecret: string, listen: (app: App) => void): Promise<{ app: App; driver: SlackDriver }> {
  const app = new App({ token: sim.botToken, signingSecret, clientOptions: { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } }, logger: quietSlackLogger, logLevel: LogLevel.ERROR });
  listen(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return { app, driver: createSlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, slack: sim }) };
}
