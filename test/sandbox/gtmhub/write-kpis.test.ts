import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { NOW, call, kpiBody, startSim } from './call.js';

describe('POST /v1/kpis', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim({ tokens: { 'tok-a': { userId: 'u-alice' } } });
    sim.state.addGroup('Sales', 'g-sales');
  });
  afterAll(() => sim.close());

  it('creates a KPI and answers 201 with it', async () => {
    const res = await call(sim, 'POST', '/v1/kpis', {
      body: kpiBody({
        description: 'New **paying** customers',
        formatting: { fractionSize: 2, prefix: '$', suffix: '' },
        groups: ['g-sales'],
        ownerIds: ['5e8ed44adcddda0da9eab365'],
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      accountId: 'acc-sandbox',
      name: 'New customers',
      aggregation: 'sum',
      targetOperator: 'should_increase',
      description: 'New **paying** customers',
      formatting: { fractionSize: 2, prefix: '$', suffix: '' },
      groups: ['g-sales'],
      ownerId: '5e8ed44adcddda0da9eab365',
      ownerIds: ['5e8ed44adcddda0da9eab365'],
      createdById: 'u-alice',
      modifiedById: 'u-alice',
      dateCreated: NOW.toISOString(),
      dateUpdated: NOW.toISOString(),
    });
    expect(sim.state.kpis.get(res.body.id)).toEqual(res.body);
  });

  it('makes the token user the owner when none is given', async () => {
    const res = await call(sim, 'POST', '/v1/kpis', { body: kpiBody() });
    expect(res.body.ownerId).toBe('u-alice');
    expect(res.body.ownerIds).toEqual(['u-alice']);
  });

  it('turns insight into insightLink on reads', async () => {
    const insight = { fieldName: 'value', insightName: 'weekly-revenue', insightValue: 2, settings: [] };
    const created = await call(sim, 'POST', '/v1/kpis', { body: kpiBody({ insight }) });
    const read = await call(sim, 'GET', `/v1/kpis/${created.body.id}`);
    expect(read.body.insightLink).toEqual({ fieldName: 'value', insightName: 'weekly-revenue', settings: [] });
    expect(read.body).not.toHaveProperty('insight');
  });

  it.each([
    ['a missing name', { name: undefined }, /name/],
    ['an empty name', { name: '  ' }, /name/],
    ['an unknown aggregation', { aggregation: 'median' }, /aggregation/],
    ['an unknown targetOperator', { targetOperator: 'should_stay' }, /targetOperator/],
    ['a fractionSize above 10', { formatting: { fractionSize: 11, prefix: '', suffix: '' } }, /fractionSize/],
    ['a fractional fractionSize', { formatting: { fractionSize: 1.5, prefix: '', suffix: '' } }, /fractionSize/],
    ['a negative fractionSize', { formatting: { fractionSize: -1, prefix: '', suffix: '' } }, /fractionSize/],
    ['a group that does not exist', { groups: ['g-nope'] }, /g-nope/],
  ])('answers 400 for %s', async (_case, overrides, message) => {
    const res = await call(sim, 'POST', '/v1/kpis', { body: kpiBody(overrides) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await call(sim, 'POST', '/v1/kpis', { body: '{"name": "x"' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
  });

  it('creates nothing when it answers 400', async () => {
    const before = sim.state.kpis.size;
    await call(sim, 'POST', '/v1/kpis', { body: kpiBody({ aggregation: 'median' }) });
    expect(sim.state.kpis.size).toBe(before);
  });
});

describe('PATCH /v1/kpis/{id}', () => {
  let sim: GtmhubSimulator;
  let clock = NOW;
  beforeAll(async () => {
    sim = await startSim({ now: () => clock, tokens: { 'tok-a': { userId: 'u-alice' }, 'tok-b': { userId: 'u-bob' } } });
  });
  afterAll(() => sim.close());

  const createLinked = async (): Promise<string> => {
    const insight = { fieldName: 'value', insightName: 'weekly-revenue', settings: [] };
    const res = await call(sim, 'POST', '/v1/kpis', { body: kpiBody({ insight, description: 'before' }) });
    return res.body.id as string;
  };

  it('changes only the fields given and records who and when', async () => {
    const id = await createLinked();
    clock = new Date('2026-12-03T08:00:00.000Z');
    const res = await call(sim, 'PATCH', `/v1/kpis/${id}`, { token: 'tok-b', body: { name: 'Renamed' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      description: 'before',
      aggregation: 'sum',
      createdById: 'u-alice',
      modifiedById: 'u-bob',
      dateCreated: NOW.toISOString(),
      dateUpdated: '2026-12-03T08:00:00.000Z',
    });
    expect((await call(sim, 'GET', `/v1/kpis/${id}`)).body.name).toBe('Renamed');
  });

  it('leaves the insight link alone with Present false', async () => {
    const id = await createLinked();
    const res = await call(sim, 'PATCH', `/v1/kpis/${id}`, {
      body: { insight: { Present: false, Value: { fieldName: 'x', insightName: 'other' } } },
    });
    expect(res.body.insightLink.insightName).toBe('weekly-revenue');
  });

  it('sets the insight link with Present true and a Value', async () => {
    const id = await createLinked();
    const res = await call(sim, 'PATCH', `/v1/kpis/${id}`, {
      body: { insight: { Present: true, Value: { fieldName: 'count', insightName: 'signups-by-channel', insightValue: 3 } } },
    });
    expect(res.body.insightLink).toEqual({ fieldName: 'count', insightName: 'signups-by-channel', settings: [] });
  });

  it('removes the insight link with Present true and no Value', async () => {
    const id = await createLinked();
    const res = await call(sim, 'PATCH', `/v1/kpis/${id}`, { body: { insight: { Present: true } } });
    expect(res.body.insightLink).toBeNull();
  });

  it.each([
    ['an empty name', { name: '' }],
    ['an unknown aggregation', { aggregation: 'max' }],
    ['an unknown targetOperator', { targetOperator: 'up' }],
    ['a fractionSize of 11', { formatting: { fractionSize: 11, prefix: '', suffix: '' } }],
    ['a group that does not exist', { groups: ['g-nope'] }],
    ['an insight without Present', { insight: { Value: { insightName: 'x' } } }],
  ])('answers 400 for %s and changes nothing', async (_case, body) => {
    const id = await createLinked();
    const before = sim.state.kpis.get(id);
    const res = await call(sim, 'PATCH', `/v1/kpis/${id}`, { body });
    expect(res.status).toBe(400);
    expect(sim.state.kpis.get(id)).toEqual(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const id = await createLinked();
    expect((await call(sim, 'PATCH', `/v1/kpis/${id}`, { body: 'name=x' })).status).toBe(400);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await call(sim, 'PATCH', '/v1/kpis/5e8c27e3dcdddaa4addbdee8', { body: { name: 'x' } });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /v1/kpis/{id}', () => {
  let sim: GtmhubSimulator;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());

  it('deletes the KPI and answers 204 without a body', async () => {
    const { id } = sim.state.addKpi({ name: 'Doomed' });
    const res = await call(sim, 'DELETE', `/v1/kpis/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call(sim, 'GET', `/v1/kpis/${id}`)).status).toBe(404);
  });

  it('deletes the KPI’s snapshots too', async () => {
    const { id } = sim.state.addKpi({ name: 'Doomed with history' });
    await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body: { group: '2026-W48', timeZone: 'UTC+0', value: 1 } });
    expect(sim.state.snapshotsOf(id)).toHaveLength(1);
    await call(sim, 'DELETE', `/v1/kpis/${id}`);
    expect(sim.state.snapshots.has(id)).toBe(false);
    const read = await call(sim, 'GET', '/v1/kpi-snapshots', { query: { ids: id } });
    expect(read.body.items).toEqual([]);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await call(sim, 'DELETE', '/v1/kpis/5e8c27e3dcdddaa4addbdee8')).status).toBe(404);
  });
});
