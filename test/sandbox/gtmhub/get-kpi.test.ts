import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { call, startSim } from './call.js';

describe('GET /v1/kpis/{id}', () => {
  let sim: GtmhubSimulator;
  let id: string;
  const description = 'Owned by @[Jane Doe](user:5e8ed44adcddda0da9eab365). See the **finance** [dashboard](https://example.com).';

  beforeAll(async () => {
    sim = await startSim();
    id = sim.state.addKpi({ name: 'Revenue', description }).id;
  });
  afterAll(() => sim.close());

  it('answers the description in mentionsMarkup by default', async () => {
    const res = await call(sim, 'GET', `/v1/kpis/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'Revenue', description });
  });

  it('answers the description in mentionsMarkup when asked explicitly', async () => {
    const res = await call(sim, 'GET', `/v1/kpis/${id}`, { query: { formatting: 'mentionsMarkup' } });
    expect(res.body.description).toBe(description);
  });

  it('strips mentions and markdown with formatting=plainText', async () => {
    const res = await call(sim, 'GET', `/v1/kpis/${id}`, { query: { formatting: 'plainText' } });
    expect(res.body.description).toBe('Owned by Jane Doe. See the finance dashboard.');
  });

  it('answers 400 for another formatting value', async () => {
    const res = await call(sim, 'GET', `/v1/kpis/${id}`, { query: { formatting: 'html' } });
    expect(res.status).toBe(400);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await call(sim, 'GET', '/v1/kpis/5e8c27e3dcdddaa4addbdee8');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('5e8c27e3dcdddaa4addbdee8');
  });
});
