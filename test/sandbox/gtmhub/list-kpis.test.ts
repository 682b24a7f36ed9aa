import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('GET /v2/kpis', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
    const sales = sim.state.addGroup('Sales', 'g-sales');
    sim.state.addGroup('Support', 'g-support');
    // 250 KPIs named so that binary order is easy to predict: KPI 000 … KPI 249.
    for (let i = 0; i < 250; i++) {
      sim.state.addKpi({
        name: `KPI ${String(i).padStart(3, '0')}`,
        aggregation: i % 2 === 0 ? 'sum' : 'last',
        groups: i < 10 ? [sales.id] : ['g-support'],
        formatting: { fractionSize: i % 3, prefix: '', suffix: '' },
      });
    }
    sim.state.addKpi({ name: 'Revenue EMEA', aggregation: 'last' });
    sim.state.addKpi({ name: 'revenue APAC', aggregation: 'average' });
  });
  afterAll(() => sim.close());

  it('answers the first 100 KPIs by name with totalCount and count', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name' } });
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(252);
    expect(res.body.count).toBe(100);
    expect(res.body.items).toHaveLength(100);
    expect(res.body.items[0].name).toBe('KPI 000');
    expect(res.body.items[99].name).toBe('KPI 099');
  });

  it('pages with skip and take', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name', skip: 248, take: 3 } });
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['KPI 248', 'KPI 249', 'Revenue EMEA']);
    expect(res.body.count).toBe(3);
    expect(res.body.totalCount).toBe(252);
  });

  it('never answers more than 100 items, whatever take asks for', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { take: 500 } });
    expect(res.body.items).toHaveLength(100);
    expect(res.body.count).toBe(100);
  });

  it('answers an empty page past the end', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { skip: 1000 } });
    expect(res.body).toEqual({ items: [], totalCount: 252, count: 0 });
  });

  it('sorted pages cover every KPI exactly once', async () => {
    const ids: string[] = [];
    for (let skip = 0; skip < 252; skip += 100) {
      const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: '_id', skip, take: 100, fields: 'id' } });
      ids.push(...res.body.items.map((k: { id: string }) => k.id));
    }
    expect(new Set(ids).size).toBe(252);
  });

  it('answers 400 for a negative or non-numeric skip or take', async () => {
    expect((await call(sim, 'GET', '/v2/kpis', { query: { skip: -1 } })).status).toBe(400);
    expect((await call(sim, 'GET', '/v2/kpis', { query: { take: 'ten' } })).status).toBe(400);
  });

  it('sorts descending with a leading minus', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: '-name', take: 2 } });
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['revenue APAC', 'Revenue EMEA']);
  });

  it('sorts by another field, ties broken by id', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: 'aggregation', take: 100, fields: 'aggregation' } });
    expect(res.body.items[0].aggregation).toBe('average');
    expect(res.body.items[1].aggregation).toBe('last');
    const ids = res.body.items.slice(1).map((k: { id: string }) => k.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('sees a KPI added after a cached sort', async () => {
    await call(sim, 'GET', '/v2/kpis', { query: { sort: '-name', take: 1 } });
    const kpi = sim.state.addKpi({ name: 'zzz Newest' });
    try {
      const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: '-name', take: 1 } });
      expect(res.body.items[0].name).toBe('zzz Newest');
    } finally {
      sim.state.removeKpi(kpi.id);
    }
  });

  it('filters by field equality, matching inside arrays', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter: JSON.stringify({ groups: 'g-sales' }) } });
    expect(res.body.totalCount).toBe(10);
  });

  it('filters with $in', async () => {
    const filter = JSON.stringify({ name: { $in: ['KPI 001', 'Revenue EMEA', 'missing'] } });
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter, sort: 'name' } });
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['KPI 001', 'Revenue EMEA']);
  });

  it('filters with a case-insensitive $regex', async () => {
    const filter = JSON.stringify({ name: { $regex: '^revenue', $options: 'i' } });
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter } });
    expect(res.body.totalCount).toBe(2);
  });

  it('filters with a case-sensitive $regex when no options are given', async () => {
    const filter = JSON.stringify({ name: { $regex: '^revenue' } });
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter } });
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['revenue APAC']);
  });

  it('combines conditions with $and and $or', async () => {
    const filter = JSON.stringify({
      $or: [{ name: 'Revenue EMEA' }, { $and: [{ groups: 'g-sales' }, { aggregation: 'sum' }] }],
    });
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter } });
    expect(res.body.totalCount).toBe(6);
  });

  it('pages through filtered results', async () => {
    const filter = JSON.stringify({ groups: 'g-support' });
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter, sort: 'name', skip: 230, take: 100 } });
    expect(res.body.totalCount).toBe(240);
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `KPI ${240 + i}`),
    );
  });

  it('answers 400 for a filter that is not JSON', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter: '{name:' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/filter/);
  });

  it('answers 400 for an operator it does not know', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter: JSON.stringify({ name: { $where: 'x' } }) } });
    expect(res.status).toBe(400);
  });

  it('answers 400 for an invalid regular expression', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { filter: JSON.stringify({ name: { $regex: '(' } }) } });
    expect(res.status).toBe(400);
  });

  it('projects the fields asked for, always with the id', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { fields: 'name,formatting', take: 1 } });
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['formatting', 'id', 'name']);
  });

  it('answers full KPIs without a projection', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name', take: 1 } });
    expect(res.body.items[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      accountId: 'acc-sandbox',
      aggregation: 'sum',
      targetOperator: 'should_increase',
      groups: ['g-sales'],
    });
  });

  it('sorts by a comma-separated list of fields, _id meaning the id', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { sort: 'aggregation,-_id', take: 100, fields: 'aggregation' } });
    const lasts = res.body.items.filter((k: { aggregation: string }) => k.aggregation === 'last').map((k: { id: string }) => k.id);
    expect(lasts.length).toBeGreaterThan(1);
    expect(lasts).toEqual([...lasts].sort().reverse());
  });

  it('takes limit like take, the smaller of the two, at most 100', async () => {
    expect((await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name', limit: 3 } })).body.count).toBe(3);
    expect((await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name', take: 5, limit: 7 } })).body.count).toBe(5);
    expect((await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name', limit: 500 } })).body.count).toBe(100);
  });

  it('answers 400 for a sort that is not a list of fields', async () => {
    expect((await call(sim, 'GET', '/v2/kpis', { query: { sort: 'name,,id' } })).status).toBe(400);
    expect((await call(sim, 'GET', '/v2/kpis', { query: { sort: 'na me' } })).status).toBe(400);
  });
});

describe('GET /v2/kpis without sort (the order Gtmhub warns of)', () => {
  const idsOfPages = async (sim: GtmhubSimulator, total: number, sort?: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let skip = 0; skip < total; skip += 100) {
      const query: Record<string, string | number> = { skip, take: 100, fields: 'id' };
      if (sort) query.sort = sort;
      ids.push(...(await call(sim, 'GET', '/v2/kpis', { query })).body.items.map((k: { id: string }) => k.id));
    }
    return ids;
  };

  const startWith = async (options: Parameters<typeof startSim>[0]) => {
    const sim = await startSim(options);
    for (let i = 0; i < 300; i++) sim.state.addKpi({ name: `KPI ${String(i).padStart(3, '0')}` });
    return sim;
  };

  it('answers each request in its own order, so unsorted pages repeat some KPIs and miss others', async () => {
    const sim = await startWith({});
    try {
      const ids = await idsOfPages(sim, 300);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBeLessThan(300);
      // The same pages in a sorted read cover every KPI once.
      expect(new Set(await idsOfPages(sim, 300, '_id')).size).toBe(300);
    } finally {
      await sim.close();
    }
  });

  it('draws the same orders in every run for one seed (tests reproduce)', async () => {
    const first = await startWith({ listOrderSeed: 11 });
    const second = await startWith({ listOrderSeed: 11 });
    try {
      const names = async (sim: GtmhubSimulator) => (await call(sim, 'GET', '/v2/kpis', { query: { fields: 'name', take: 5 } })).body.items.map((k: { name: string }) => k.name);
      expect(await names(first)).toEqual(await names(second));
      expect(await names(first)).not.toEqual(await names(first));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('sorts by name without sort in the stable mode', async () => {
    const sim = await startWith({ unsortedListOrder: 'stable' });
    try {
      const res = await call(sim, 'GET', '/v2/kpis', { query: { fields: 'name', take: 2 } });
      expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['KPI 000', 'KPI 001']);
      expect(new Set(await idsOfPages(sim, 300)).size).toBe(300);
    } finally {
      await sim.close();
    }
  });
});
