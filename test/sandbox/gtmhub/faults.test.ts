import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('Gtmhub simulator fault injection', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.faults.clear();
    sim.clearRequests();
  });

  const statuses = async (n: number, path = '/v2/kpis'): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await call(sim, 'GET', path)).status);
    return out;
  };

  it('answers the injected status with a message body', async () => {
    sim.faults.set('GET /v2/kpis', { status: 503 });
    const res = await call(sim, 'GET', '/v2/kpis');
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/503/);
  });

  it('answers the injected body when one is given', async () => {
    sim.faults.set('GET /v2/kpis', { status: 500, body: { message: 'database is on fire' } });
    expect((await call(sim, 'GET', '/v2/kpis')).body).toEqual({ message: 'database is on fire' });
  });

  it('sends Retry-After with a 429', async () => {
    sim.faults.set('GET /v2/kpis', { status: 429, retryAfterSeconds: 7 });
    const res = await call(sim, 'GET', '/v2/kpis');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('lifts itself after the given number of times', async () => {
    sim.faults.set('GET /v2/kpis', { status: 503, times: 2 });
    expect(await statuses(3)).toEqual([503, 503, 200]);
    expect(sim.faults.list()).toEqual({});
  });

  it('applies only to its route', async () => {
    sim.faults.set('GET /v1/kpis/groups', { status: 500 });
    expect((await call(sim, 'GET', '/v2/kpis')).status).toBe(200);
    expect((await call(sim, 'GET', '/v1/kpis/groups')).status).toBe(500);
  });

  it('applies a * fault to every route', async () => {
    sim.faults.set('*', { status: 502 });
    expect((await call(sim, 'GET', '/v2/kpis')).status).toBe(502);
    expect((await call(sim, 'POST', '/v1/kpis', { body: {} })).status).toBe(502);
  });

  it('prefers a route fault over the * fault', async () => {
    sim.faults.set('*', { status: 502 });
    sim.faults.set('GET /v2/kpis', { status: 429 });
    expect((await call(sim, 'GET', '/v2/kpis')).status).toBe(429);
    expect((await call(sim, 'GET', '/v1/kpis/groups')).status).toBe(502);
  });

  it('comes before authentication, as a gateway would', async () => {
    sim.faults.set('GET /v2/kpis', { status: 429 });
    expect((await call(sim, 'GET', '/v2/kpis', { token: 'wrong' })).status).toBe(429);
  });

  it('is lifted by clear for one route or for all', async () => {
    sim.faults.set('GET /v2/kpis', { status: 500 });
    sim.faults.set('GET /v1/kpis/groups', { status: 500 });
    sim.faults.clear('GET /v2/kpis');
    expect((await call(sim, 'GET', '/v2/kpis')).status).toBe(200);
    expect((await call(sim, 'GET', '/v1/kpis/groups')).status).toBe(500);
    sim.faults.clear();
    expect((await call(sim, 'GET', '/v1/kpis/groups')).status).toBe(200);
  });

  it('applies to a share of requests with rate, never with rate 0', async () => {
    sim.faults.set('GET /v2/kpis', { status: 503, rate: 0.5 });
    const mixed = await statuses(40);
    expect(mixed).toContain(503);
    expect(mixed).toContain(200);
    sim.faults.set('GET /v2/kpis', { status: 503, rate: 0 });
    expect(await statuses(10)).not.toContain(503);
  });

  it('draws rate from a seeded PRNG, so the same seed fails the same requests', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const other = await startSim({ faultSeed: 7 });
      try {
        other.faults.set('GET /v2/kpis', { status: 503, rate: 0.3 });
        const seen: number[] = [];
        for (let i = 0; i < 20; i++) seen.push((await call(other, 'GET', '/v2/kpis')).status);
        runs.push(seen);
      } finally {
        await other.close();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(503);
  });

  it('delays the answer with latencyMs', async () => {
    sim.faults.set('GET /v2/kpis', { latencyMs: 60_000 });
    await expect(call(sim, 'GET', '/v2/kpis', { headersTimeout: 200 })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('answers normally once the latency has passed', async () => {
    sim.faults.set('GET /v2/kpis', { latencyMs: 5 });
    const res = await call(sim, 'GET', '/v2/kpis');
    expect(res.status).toBe(200);
    expect(sim.requests.at(-1)?.fault).toEqual({ latencyMs: 5 });
  });

  it('never answers a hung request', async () => {
    sim.faults.set('GET /v2/kpis', { hang: true });
    await expect(call(sim, 'GET', '/v2/kpis', { headersTimeout: 200 })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('destroys the socket with reset', async () => {
    sim.faults.set('GET /v2/kpis', { reset: true, times: 1 });
    await expect(call(sim, 'GET', '/v2/kpis')).rejects.toMatchObject({ code: expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/) });
    expect(sim.requests.at(-1)?.status).toBeNull();
  });

  it('answers 200 with a body that is not JSON with malformed', async () => {
    sim.faults.set('GET /v2/kpis', { malformed: true });
    const res = await call(sim, 'GET', '/v2/kpis');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
  });

  it('refuses a rate outside 0..1 when set', () => {
    expect(() => sim.faults.set('*', { rate: 2 })).toThrow(/rate/);
  });
});

describe('closing the Gtmhub simulator', () => {
  it('ends hung requests and resolves', async () => {
    const sim = await startSim();
    sim.faults.set('*', { hang: true });
    const pending = call(sim, 'GET', '/v2/kpis');
    // The request must have reached the server before close(), or there is nothing to end.
    while (sim.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await sim.close();
    await expect(pending).rejects.toThrow();
  });

  it('ends requests waiting out a latency fault and resolves', async () => {
    const sim = await startSim();
    sim.faults.set('*', { latencyMs: 60_000 });
    const pending = call(sim, 'GET', '/v2/kpis');
    while (sim.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await sim.close();
    await expect(pending).rejects.toThrow();
  });
});
