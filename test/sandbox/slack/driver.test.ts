import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDriver, startSlackSimulator, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { clientFor, manualClock } from './helpers.js';

const SECRET = 'sandbox-signing-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A stand-in app that verifies requests with Slack's documented algorithm, written out here
 * independently of `signSlackRequest`, and refuses timestamps over five minutes old.
 */
function verifyingApp(now: () => number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-slack-signature']));
      const fresh = Math.abs(Math.floor(now() / 1000) - timestamp) <= 300;
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      res.writeHead(fresh && valid ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ fresh, valid }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/slack/events`, received });
    });
  });
}

describe('Slack driver', () => {
  const clock = manualClock();
  let app: Awaited<ReturnType<typeof verifyingApp>>;

  beforeEach(async () => {
    app = await verifyingApp(clock.now);
  });
  afterEach(async () => {
    await new Promise((resolve) => app.server.close(resolve));
  });

  it('sends a slash command signed with the signing secret over the exact body', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now });
    const response = await driver.command('search revenue');

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ fresh: true, valid: true });
    const [request] = app.received;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['x-slack-request-timestamp']).toBe(String(Math.floor(clock.now() / 1000)));
    expect(new URLSearchParams(request?.body).get('text')).toBe('search revenue');
  });

  it('sends events as signed JSON', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now });
    const response = await driver.appHomeOpened({ user: 'U0ADMIN' });
    expect(response.status).toBe(200);
    expect(app.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('can send a timestamp older than five minutes, which a verifying app refuses', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now });
    const response = await driver.command('x', {}, { stale: true });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ fresh: false, valid: true });
  });

  it('can send a forged signature, which a verifying app refuses', async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now });
    const response = await driver.command('x', {}, { badSignature: true });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ fresh: true, valid: false });
  });

  it("marks a redelivered event with Slack's retry headers", async () => {
    const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now });
    await driver.appHomeOpened({ eventId: 'Ev0SAME' }, { retryNum: 1, retryReason: 'http_timeout' });
    expect(app.received[0]?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
  });

  describe('with a simulator as the source of trigger_ids and response_urls', () => {
    let sim: SlackSimulator;

    beforeEach(async () => {
      sim = await startSlackSimulator({ now: clock.now });
    });
    afterEach(async () => {
      await sim.close();
    });

    it('sends a trigger_id the simulator accepts and a response_url it records', async () => {
      const driver = createSlackDriver({ appUrl: app.url, signingSecret: SECRET, now: clock.now, slack: sim });
      await driver.command('open');
      const sent = new URLSearchParams(app.received[0]?.body);

      await clientFor(sim).views.open({ trigger_id: sent.get('trigger_id') as string, view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] } });
      expect(sent.get('response_url')).toMatch(new RegExp(`^${sim.baseUrl}/`));
      expect(sim.views.opened).toHaveLength(1);
    });
  });
});
