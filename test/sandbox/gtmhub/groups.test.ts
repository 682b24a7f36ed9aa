import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('KPI groups and favorites', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim({ tokens: { 'tok-a': { userId: 'u-alice' }, 'tok-b': { userId: 'u-bob' } } });
    sim.state.addGroup('Sales', 'g-sales');
    sim.state.addGroup('Marketing', 'g-marketing');
  });
  afterAll(() => sim.close());

  const favorites = async (token: string) =>
    Object.fromEntries(
      (await call(sim, 'GET', '/v1/kpis/groups', { token, query: { sort: 'name' } })).body.items.map((g: { id: string; favorite: boolean }) => [g.id, g.favorite]),
    );

  it('lists the groups by name with totalCount, none favorite at first', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/groups', { token: 'tok-a', query: { sort: 'name' } });
    expect(res.body).toEqual({
      items: [
        { id: 'g-marketing', name: 'Marketing', favorite: false },
        { id: 'g-sales', name: 'Sales', favorite: false },
      ],
      totalCount: 2,
    });
  });

  it('stars a group for the token user only', async () => {
    const res = await call(sim, 'PUT', '/v1/users/kpi-virtual-group/favorite', { token: 'tok-a', body: { groupId: 'g-sales', favorite: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await favorites('tok-a')).toEqual({ 'g-sales': true, 'g-marketing': false });
    expect(await favorites('tok-b')).toEqual({ 'g-sales': false, 'g-marketing': false });
  });

  it('unstars a group with favorite false', async () => {
    await call(sim, 'PUT', '/v1/users/kpi-virtual-group/favorite', { token: 'tok-b', body: { groupId: 'g-marketing', favorite: true } });
    await call(sim, 'PUT', '/v1/users/kpi-virtual-group/favorite', { token: 'tok-b', body: { groupId: 'g-marketing', favorite: false } });
    expect((await favorites('tok-b'))['g-marketing']).toBe(false);
  });

  it.each([
    ['no groupId', { favorite: true }],
    ['a favorite that is not a boolean', { groupId: 'g-sales', favorite: 'yes' }],
    ['a body that is not JSON', 'groupId=g-sales'],
  ])('answers 400 for %s', async (_case, body) => {
    expect((await call(sim, 'PUT', '/v1/users/kpi-virtual-group/favorite', { token: 'tok-a', body })).status).toBe(400);
  });

  it('answers 404 for a group that does not exist', async () => {
    const res = await call(sim, 'PUT', '/v1/users/kpi-virtual-group/favorite', { token: 'tok-a', body: { groupId: 'g-nope', favorite: true } });
    expect(res.status).toBe(404);
  });
});

describe('GET /v1/kpis/groups paging', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
    for (let i = 0; i < 250; i++) sim.state.addGroup(`Group ${String(i).padStart(3, '0')}`);
  });
  afterAll(() => sim.close());

  it('answers at most 100 groups a page, with the totalCount', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/groups', { query: { sort: 'name', take: 500 } });
    expect(res.body.items).toHaveLength(100);
    expect(res.body.totalCount).toBe(250);
    expect(res.body.items[0].name).toBe('Group 000');
  });

  it('pages with skip and take in the sorted order', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/groups', { query: { sort: '-name', skip: 248, take: 5 } });
    expect(res.body.items.map((g: { name: string }) => g.name)).toEqual(['Group 001', 'Group 000']);
  });

  it('sorted pages cover every group once; unsorted ones do not', async () => {
    const ids = async (sort?: string) => {
      const out: string[] = [];
      for (let skip = 0; skip < 250; skip += 100) {
        const query: Record<string, string | number> = { skip, take: 100 };
        if (sort) query.sort = sort;
        out.push(...(await call(sim, 'GET', '/v1/kpis/groups', { query })).body.items.map((g: { id: string }) => g.id));
      }
      return out;
    };
    expect(new Set(await ids('_id')).size).toBe(250);
    expect(new Set(await ids()).size).toBeLessThan(250);
  });
});
