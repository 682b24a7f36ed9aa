import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { NOW, call, kpiBody } from './call.js';
import { startGtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';

describe('GET /v1/insights/{id}/usages/kpis', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startGtmhubSimulator({ now: () => NOW });
  });
  afterAll(() => sim.close());

  const usages = (name: string) => call(sim, 'GET', `/v1/insights/${encodeURIComponent(name)}/usages/kpis`);

  it('answers the KPIs that use a demo insight', async () => {
    const res = await usages('weekly-revenue');
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBeGreaterThanOrEqual(2);
    expect(res.body.items).toHaveLength(res.body.totalCount);
    for (const kpi of res.body.items) expect(kpi.insightLink.insightName).toBe('weekly-revenue');
  });

  it('answers an empty list for an insight no KPI uses', async () => {
    expect((await usages('churn-cohorts')).body).toEqual({ items: [], totalCount: 0 });
  });

  it('answers 404 for an insight that does not exist', async () => {
    const res = await usages('no-such-insight');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('no-such-insight');
  });

  it('follows links made through the API', async () => {
    const insight = { fieldName: 'value', insightName: 'churn-cohorts', settings: [] };
    const created = await call(sim, 'POST', '/v1/kpis', { body: kpiBody({ insight }) });
    const res = await usages('churn-cohorts');
    expect(res.body.items.map((k: { id: string }) => k.id)).toEqual([created.body.id]);
  });
});
