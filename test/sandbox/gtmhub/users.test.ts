import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmailOf, type GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('GET /v2/users', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
    for (let i = 0; i < 230; i++) {
      sim.state.addUser({ id: `u${String(i).padStart(3, '0')}`, email: `person${i}@example.com`, firstName: 'Person', lastName: String(i) });
    }
    sim.state.addUser({ id: 'u-ana', email: 'Ana.Lima@Example.com', firstName: 'Ana', lastName: 'Lima' });
    // 232 in all: the workspace token's user (u-sandbox) is one too.
  });
  afterAll(() => sim.close());

  it('answers at most 100 users a page with the totalCount, sorted by sort', async () => {
    const res = await call(sim, 'GET', '/v2/users', { query: { sort: '_id', take: 500 } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(100);
    expect(res.body.totalCount).toBe(232);
    expect(res.body.items[0]).toEqual({ id: 'u-ana', email: 'Ana.Lima@Example.com', firstName: 'Ana', lastName: 'Lima' });
  });

  it('sorted pages cover every user once', async () => {
    const ids: string[] = [];
    for (let skip = 0; skip < 232; skip += 100) {
      ids.push(...(await call(sim, 'GET', '/v2/users', { query: { sort: '_id', skip, take: 100 } })).body.items.map((u: { id: string }) => u.id));
    }
    expect(new Set(ids).size).toBe(232);
  });

  it('filters by email without case, as the client sends it', async () => {
    const filter = JSON.stringify({ email: { $regex: '^ana\\.lima@example\\.com$', $options: 'i' } });
    const res = await call(sim, 'GET', '/v2/users', { query: { filter, sort: '_id' } });
    expect(res.body).toMatchObject({ totalCount: 1, items: [{ id: 'u-ana' }] });
  });

  it('filters by _id, as the reference shows', async () => {
    const res = await call(sim, 'GET', '/v2/users', { query: { filter: JSON.stringify({ _id: 'u042' }) } });
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual(['u042']);
  });

  it('projects fields, always with the id', async () => {
    const res = await call(sim, 'GET', '/v2/users', { query: { fields: 'email', sort: '_id', take: 1 } });
    expect(res.body.items).toEqual([{ id: 'u-ana', email: 'Ana.Lima@Example.com' }]);
  });

  it("answers 403 when the token's user may not list users", async () => {
    sim.state.usersListForbidden = true;
    try {
      const res = await call(sim, 'GET', '/v2/users');
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/permission to list/);
    } finally {
      sim.state.usersListForbidden = false;
    }
  });
});

describe('demo users', () => {
  it('are the owners of the demo KPIs, with names and emails', async () => {
    const sim = await startSim({ demo: { kpiCount: 40 } });
    try {
      const res = await call(sim, 'GET', '/v2/users', { query: { sort: '_id' } });
      const users = new Map(res.body.items.map((u: { id: string }) => [u.id, u]));
      const owners = new Set([...sim.state.kpis.values()].flatMap((k) => k.ownerIds));
      expect(owners.size).toBeGreaterThan(1);
      for (const owner of owners) expect(users.get(owner)).toMatchObject({ email: expect.stringMatching(/@example\.com$/) });
      expect(res.body.items).toContainEqual(
        expect.objectContaining({ firstName: 'Amélie', lastName: 'Laurent', email: 'amelie.laurent@example.com' }),
      );
      // The workspace token's user is a user of the account too.
      expect(users.get('u-sandbox')).toMatchObject({ firstName: 'Sandbox', lastName: 'Admin', email: 'sandbox.admin@example.com' });
    } finally {
      await sim.close();
    }
  });

  it('get emails without accents or punctuation', () => {
    expect(demoEmailOf("Tom O'Brien")).toBe('tom.obrien@example.com');
    expect(demoEmailOf('Lars Øberg')).toBe('lars.oberg@example.com');
  });
});
