import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { startGtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { NOW, call } from './call.js';

const generate = (options: { seed?: number; kpiCount?: number; weeks?: number } = {}) =>
  generateDemoData({ ...options, now: NOW, accountId: 'acc-sandbox' });

describe('demo data', () => {
  it('is the same for the same seed and clock', () => {
    expect(generate({ seed: 7 })).toEqual(generate({ seed: 7 }));
  });

  it('differs with another seed', () => {
    const a = generate({ seed: 7 });
    const b = generate({ seed: 8 });
    expect(a.kpis.map((k) => k.id)).not.toEqual(b.kpis.map((k) => k.id));
    expect(a.snapshots.map((s) => s.value)).not.toEqual(b.snapshots.map((s) => s.value));
  });

  it('defaults to 24 KPIs with 26 weeks of history ending the week before now', () => {
    const data = generate();
    expect(data.kpis).toHaveLength(24);
    const groups = new Set(data.snapshots.map((s) => s.group));
    expect(groups.size).toBe(26);
    expect([...groups].sort().at(-1)).toBe('2026-W48');
    expect([...groups].sort()[0]).toBe('2026-W23');
  });

  it('leaves a few KPIs without last week’s value', () => {
    const data = generate();
    expect(data.missingLastWeek.length).toBeGreaterThanOrEqual(2);
    for (const id of data.missingLastWeek) {
      const groups = data.snapshots.filter((s) => s.kpiId === id).map((s) => s.group);
      expect(groups).not.toContain('2026-W48');
      expect(groups).toContain('2026-W47');
    }
  });

  it('covers both target directions, every aggregation, accented names, and insight links', () => {
    const { kpis } = generate();
    expect(new Set(kpis.map((k) => k.targetOperator))).toEqual(new Set(['should_increase', 'should_decrease']));
    expect(new Set(kpis.map((k) => k.aggregation))).toEqual(new Set(['last', 'sum', 'average']));
    expect(kpis.map((k) => k.name)).toEqual(expect.arrayContaining(['Satisfaction café', 'Réunions clients']));
    expect(kpis.filter((k) => k.insightLink).length).toBeGreaterThan(0);
    for (const kpi of kpis) {
      expect(kpi.id).toMatch(/^[0-9a-f]{24}$/);
      expect(kpi.ownerId).toMatch(/^[0-9a-f]{24}$/);
      expect(kpi.groups.length).toBeGreaterThan(0);
    }
  });

  it('rounds history values to the KPI’s fraction size', () => {
    const data = generate();
    const fraction = new Map(data.kpis.map((k) => [k.id, k.formatting.fractionSize]));
    for (const s of data.snapshots) {
      const scale = 10 ** fraction.get(s.kpiId)!;
      expect(Math.abs(Math.round(s.value * scale) - s.value * scale)).toBeLessThan(1e-6);
    }
  });

  it('produces 20,000 KPIs with unique names and ids', () => {
    const data = generate({ kpiCount: 20_000 });
    expect(data.kpis).toHaveLength(20_000);
    expect(new Set(data.kpis.map((k) => k.name)).size).toBe(20_000);
    expect(new Set(data.kpis.map((k) => k.id)).size).toBe(20_000);
    expect(data.kpis.map((k) => k.name)).toContain('Monthly recurring revenue — EMEA 1');
  });
});

describe('the simulator with demo data', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startGtmhubSimulator({ now: () => NOW });
  });
  afterAll(() => sim.close());

  it('serves the demo KPIs, groups, insights and history', async () => {
    expect((await call(sim, 'GET', '/v2/kpis')).body.totalCount).toBe(24);
    expect((await call(sim, 'GET', '/v1/kpis/groups')).body.items.map((g: { name: string }) => g.name)).toContain('Engineering');
    expect([...sim.state.insights.keys()]).toEqual(expect.arrayContaining(['weekly-revenue', 'signups-by-channel']));
    const [kpi] = sim.state.kpis.values();
    const history = await call(sim, 'GET', '/v1/kpi-snapshots', { query: { ids: kpi!.id } });
    expect(history.body.totalCount).toBe(26);
  });

  it('strips demo mentions with formatting=plainText', async () => {
    const [kpi] = sim.state.kpis.values();
    expect(kpi!.description).toMatch(/@\[[^\]]+\]\(user:[0-9a-f]{24}\)/);
    const res = await call(sim, 'GET', `/v1/kpis/${kpi!.id}`, { query: { formatting: 'plainText' } });
    expect(res.body.description).not.toMatch(/@\[|\]\(user:|\*\*/);
  });
});

describe('the simulator at benchmark size', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startGtmhubSimulator({ now: () => NOW, demo: { kpiCount: 20_000 } });
  });
  afterAll(() => sim.close());

  it('holds 20,000 KPIs and about half a million snapshots', () => {
    expect(sim.state.kpis.size).toBe(20_000);
    expect(sim.state.snapshotCount).toBeGreaterThan(480_000);
  });

  it('pages the last page of the list like the first', async () => {
    const res = await call(sim, 'GET', '/v2/kpis', { query: { skip: 19_950, take: 100, fields: 'name' } });
    expect(res.body.count).toBe(50);
    expect(res.body.totalCount).toBe(20_000);
  });

  it('reads the history of many KPIs regrouped by month', async () => {
    const ids = [...sim.state.kpis.keys()].slice(0, 200);
    const res = await call(sim, 'GET', '/v1/kpi-snapshots', { query: { ids: ids.join(','), groupBy: 'month' } });
    expect(res.status).toBe(200);
    expect(new Set(res.body.items.map((i: { kpiId: string }) => i.kpiId)).size).toBe(200);
  });
});
