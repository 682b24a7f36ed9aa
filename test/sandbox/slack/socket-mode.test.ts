import { request, WebSocket } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SocketModeNotConnectedError, startSlackSimulator, type SlackSimulator } from '../../../src/sandbox/slack/index.js';

/** The simulator's Socket Mode side, driven by undici's WebSocket as @slack/socket-mode drives it. */
async function openConnection(sim: SlackSimulator, token: string): Promise<Record<string, unknown>> {
  const res = await request(`${sim.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return (await res.body.json()) as Record<string, unknown>;
}

/** Connects, and resolves with the socket once Slack's `hello` arrived. */
function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.addEventListener('message', (event) => {
      if ((JSON.parse(String(event.data)) as { type?: string }).type === 'hello') resolve(socket);
    });
    socket.addEventListener('error', () => reject(new Error(`could not connect to ${url}`)));
  });
}

describe('the Slack simulator in Socket Mode', () => {
  let sim: SlackSimulator;
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    sim = await startSlackSimulator();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await sim.close();
  });

  it('opens a connection only for the app-level token, refusing a bot token as the wrong type', async () => {
    expect(await openConnection(sim, sim.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await openConnection(sim, 'xapp-someone-else')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await openConnection(sim, sim.appToken)).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/) });
  });

  it('resolves socketSend with the ack the app sends back, payload included', async () => {
    const { url } = await openConnection(sim, sim.appToken);
    const socket = await connect(String(url));
    sockets.push(socket);
    socket.addEventListener('message', (event) => {
      const envelope = JSON.parse(String(event.data)) as { envelope_id?: string };
      if (envelope.envelope_id) socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'acked' } }));
    });

    const ack = await sim.socketSend('slash_commands', { command: '/kpi', text: 'help' });

    expect(ack).toMatchObject({ timedOut: false, payload: { text: 'acked' } });
  });

  it('refuses a second connection with the same ticket', async () => {
    const { url } = await openConnection(sim, sim.appToken);
    sockets.push(await connect(String(url)));
    await expect(connect(String(url))).rejects.toThrow(/could not connect/);
  });

  it('rejects socketSend when no app is connected', async () => {
    await expect(sim.socketSend('events_api', {})).rejects.toBeInstanceOf(SocketModeNotConnectedError);
  });
});
