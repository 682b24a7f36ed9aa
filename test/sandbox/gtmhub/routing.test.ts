import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('Gtmhub simulator routing', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());

  it('answers 404 for a path no route has', async () => {
    const res = await call(sim, 'GET', '/v1/objectives');
    expect(res.status).toBe(404);
    expect(res.body.message).toBeTypeOf('string');
  });

  it('answers 404 for a route path without the /api prefix', async () => {
    const outside = await fetch(sim.url.replace(/\/api$/, '/v2/kpis'), {
      headers: { authorization: `Bearer ${sim.token}`, 'gtmhub-accountId': sim.accountId },
    });
    expect(outside.status).toBe(404);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await call(sim, 'PUT', '/v2/kpis');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });

  it('does not read /v1/kpis/groups as a KPI id, whatever the method', async () => {
    expect((await call(sim, 'GET', '/v1/kpis/groups')).body).toHaveProperty('items');
    expect((await call(sim, 'PATCH', '/v1/kpis/groups', { body: {} })).status).toBe(405);
    expect((await call(sim, 'DELETE', '/v1/kpis/snapshots')).status).toBe(405);
  });

  it('answers JSON bodies with a JSON content type', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/groups');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
