import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { NOW, call, kpiBody, startSim } from './call.js';

describe('Gtmhub simulator request log', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim({ tokens: { 'secret-token-abc': { userId: 'u-alice' } } });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.clearRequests();
  });

  it('records method, path without /api, route key, query, status and time', async () => {
    const { id } = sim.state.addKpi({ name: 'Revenue' });
    await call(sim, 'GET', `/v1/kpis/${id}`, { query: { formatting: 'plainText' } });
    expect(sim.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/v1/kpis/${id}`,
        route: 'GET /v1/kpis/:id',
        query: { formatting: 'plainText' },
        status: 200,
        time: NOW,
        userId: 'u-alice',
      }),
    ]);
  });

  it('records a JSON body parsed and any other body as text', async () => {
    await call(sim, 'POST', '/v1/kpis', { body: kpiBody({ name: 'Logged' }) });
    await call(sim, 'POST', '/v1/kpis', { body: 'not json' });
    expect(sim.requests.map((r) => r.body)).toEqual([kpiBody({ name: 'Logged' }), 'not json']);
    expect(sim.requests.map((r) => r.status)).toEqual([201, 400]);
  });

  it('records headers with the bearer token redacted', async () => {
    await call(sim, 'GET', '/v2/kpis');
    const [recorded] = sim.requests;
    expect(recorded?.headers['gtmhub-accountid']).toBe('acc-sandbox');
    expect(recorded?.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(sim.requests)).not.toContain('secret-token-abc');
  });

  it('records requests that failed authentication or matched no route', async () => {
    await call(sim, 'GET', '/v2/kpis', { token: 'wrong' });
    await call(sim, 'GET', '/v9/nothing');
    expect(sim.requests.map((r) => [r.route, r.status])).toEqual([
      ['GET /v2/kpis', 401],
      [null, 404],
    ]);
  });

  it('records faulty requests with their fault', async () => {
    sim.faults.set('GET /v1/kpis/groups', { status: 429, retryAfterSeconds: 1 });
    await call(sim, 'GET', '/v1/kpis/groups');
    expect(sim.requests[0]).toMatchObject({ route: 'GET /v1/kpis/groups', status: 429, fault: { status: 429, retryAfterSeconds: 1 } });
  });

  it('is emptied by clearRequests', async () => {
    await call(sim, 'GET', '/v2/kpis');
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
  });
});

describe('a bounded request log', () => {
  it('keeps only the latest requestLogLimit requests', async () => {
    const sim = await startSim({ requestLogLimit: 2 });
    try {
      for (const take of [1, 2, 3]) await call(sim, 'GET', '/v2/kpis', { query: { take } });
      expect(sim.requests.map((r) => r.query.take)).toEqual(['2', '3']);
    } finally {
      await sim.close();
    }
  });
});
