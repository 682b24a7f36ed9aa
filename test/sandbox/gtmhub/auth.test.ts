import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('Gtmhub simulator authentication', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim({ accountId: 'acc-1', tokens: { 'tok-ws': { userId: 'u-1' }, 'tok-2': { userId: 'u-2' } } });
  });
  afterAll(() => sim.close());

  it('uses the first token as the workspace token', () => {
    expect(sim.token).toBe('tok-ws');
    expect(sim.accountId).toBe('acc-1');
  });

  it('answers 401 with a message when no bearer token is sent', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { token: null });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/Bearer/);
  });

  it('answers 401 for an unknown token, without repeating it', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { token: 'not-a-token' });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('not-a-token');
  });

  it('answers 401 when the gtmhub-accountId header is missing', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { accountId: null });
    expect(res.status).toBe(401);
  });

  it('answers 401 when the token is used with another account', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { accountId: 'acc-other' });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('acc-other');
  });

  it('accepts every configured token', async () => {
    expect((await call(sim, 'GET', '/v2/kpis')).status).toBe(200);
    expect((await call(sim, 'GET', '/v2/kpis', { token: 'tok-2' })).status).toBe(200);
  });

  it('accepts a token added after start', async () => {
    sim.addToken('tok-late', { userId: 'u-late' });
    expect((await call(sim, 'GET', '/v2/kpis', { token: 'tok-late' })).status).toBe(200);
  });
});

describe('Gtmhub simulator defaults', () => {
  it('binds 127.0.0.1 with the sandbox account and token', async () => {
    const sim = await startSim();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
      expect(sim.accountId).toBe('acc-sandbox');
      expect(sim.token).toBe('gtmhub-sandbox-token');
      expect((await call(sim, 'GET', '/v1/kpis/groups')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
