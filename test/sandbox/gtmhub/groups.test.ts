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
      (await call(sim, 'GET', '/v1/kpis/groups', { token })).body.items.map((g: { id: string; favorite: boolean }) => [g.id, g.favorite]),
    );

  it('lists the groups by name with totalCount, none favorite at first', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/groups', { token: 'tok-a' });
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
