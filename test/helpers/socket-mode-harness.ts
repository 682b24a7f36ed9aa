import { createServer } from 'node:net';
import { SANDBOX_APP_TOKEN } from '../../src/sandbox/slack/index.js';
import { startHarness, type Harness } from './harness.js';

/**
 * Bolt's Socket Mode receiver serves /healthz on its own server and binds exactly the configured
 * port without telling which one PORT=0 picked, so a free port is found first.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('the free-port probe got no port');
  return address.port;
}

/**
 * kpibot in Socket Mode (SLACK_APP_TOKEN set) on its simulators. Another process (a second test
 * run) may take the free port between finding it and binding it, so a taken port is retried.
 */
export async function startSocketModeHarness(): Promise<Harness> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startHarness({ env: { SLACK_APP_TOKEN: SANDBOX_APP_TOKEN, PORT: String(await freePort()) } });
    } catch (error) {
      const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : String(error);
      if (attempt >= 3 || !code.includes('EADDRINUSE')) throw error;
    }
  }
}
