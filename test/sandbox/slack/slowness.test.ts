/**
 * Slowness on both sides of the Slack sandbox: the driver gives up on an app that answers later
 * than Slack's cutoff, as Slack does (`operation_timeout`), and the simulator can answer a Web API
 * method late (`failNext(method, { latencyMs })`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDriver, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { clientFor, simulatorWithClient } from './helpers.js';

/** An app that answers commands at once and never answers anything else (its work "hangs"). */
function appThatHangsOnInteractions(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (Buffer.concat(chunks).toString('utf8').startsWith('payload=')) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` }));
  });
}

describe('the Slack driver’s acknowledgement cutoff', () => {
  let app: Awaited<ReturnType<typeof appThatHangsOnInteractions>>;
  beforeEach(async () => {
    app = await appThatHangsOnInteractions();
  });
  afterEach(async () => {
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
  });

  it('reports an app that does not answer within ackWithinMs as timed out, with no status', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: 's', ackWithinMs: 200 });
    const response = await driver.action({ actions: [{ action_id: 'a', value: 'v' }] });
    expect(response).toMatchObject({ status: 0, timedOut: true });
  });

  it('returns an answer that came within ackWithinMs as usual', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: 's', ackWithinMs: 2_000 });
    expect(await driver.command('help')).toMatchObject({ status: 200, timedOut: false, json: {} });
  });
});

describe('a Slack Web API method made slow', () => {
  let sim: SlackSimulator;
  beforeEach(async () => {
    ({ sim } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('holds its answer back: a client with a shorter timeout gives up, and the next call is prompt', async () => {
    const impatient = clientFor(sim, { timeout: 100 });
    sim.failNext('users.info', { latencyMs: 5_000 });
    await expect(impatient.users.info({ user: 'U0SANDBOX' })).rejects.toThrow();
    await expect(impatient.users.info({ user: 'U0SANDBOX' })).resolves.toMatchObject({ ok: true, user: { id: 'U0SANDBOX' } });
  });

  it('still gives its real result to a client that waits', async () => {
    sim.failNext('users.info', { latencyMs: 50 });
    await expect(clientFor(sim).users.info({ user: 'U0SANDBOX' })).resolves.toMatchObject({ ok: true, user: { id: 'U0SANDBOX' } });
  });
});
