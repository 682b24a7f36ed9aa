import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GtmhubSimulator } from '../../../src/sandbox/gtmhub/index.js';
import { NOW, call, startSim } from './call.js';

describe('POST /v1/kpis/{id}/snapshots', () => {
  let sim: GtmhubSimulator;
  let id: string;
  beforeAll(async () => {
    sim = await startSim();
    id = sim.state.addKpi({ name: 'Signups' }).id;
  });
  afterAll(() => sim.close());

  it('stores the snapshot as posted and answers 201 with it', async () => {
    const res = await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body: { group: '2026-W48', timeZone: 'UTC+3', value: 5 } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      kpiId: id,
      group: '2026-W48',
      value: 5,
      timeZone: 'UTC+3',
      dateCreated: NOW.toISOString(),
    });
    expect(sim.state.snapshotsOf(id).at(-1)).toMatchObject({ group: '2026-W48', timeZone: 'UTC+3', value: 5, startDate: '2026-11-23' });
  });

  it.each(['2026-11-28', '2026-11', '2026-Q4', 'UTC+5:30'])('accepts a period label or offset such as %s', async (sample) => {
    const body = sample.startsWith('UTC')
      ? { group: '2026-W48', timeZone: sample, value: 1 }
      : { group: sample, timeZone: 'UTC-2', value: 1 };
    expect((await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body })).status).toBe(201);
  });

  it.each([
    ['a value that is a string', { group: '2026-W48', timeZone: 'UTC+0', value: '5' }, /value/],
    ['a value that is null (how JSON carries NaN)', { group: '2026-W48', timeZone: 'UTC+0', value: null }, /value/],
    ['a missing value', { group: '2026-W48', timeZone: 'UTC+0' }, /value/],
    ['a week that does not exist', { group: '2021-W53', timeZone: 'UTC+0', value: 1 }, /2021-W53/],
    ['a label that is no period', { group: 'last week', timeZone: 'UTC+0', value: 1 }, /period/],
    ['an offset out of range', { group: '2026-W48', timeZone: 'UTC+99', value: 1 }, /UTC\+99/],
    ['an IANA zone name', { group: '2026-W48', timeZone: 'Europe/Paris', value: 1 }, /timeZone/],
    ['a missing timeZone', { group: '2026-W48', value: 1 }, /timeZone/],
  ])('answers 400 for %s', async (_case, body, message) => {
    const before = sim.state.snapshotsOf(id).length;
    const res = await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(sim.state.snapshotsOf(id)).toHaveLength(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    expect((await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body: 'value=5' })).status).toBe(400);
  });

  it('answers 404 for an unknown KPI', async () => {
    const res = await call(sim, 'POST', '/v1/kpis/5e8c27e3dcdddaa4addbdee8/snapshots', {
      body: { group: '2026-W48', timeZone: 'UTC+0', value: 1 },
    });
    expect(res.status).toBe(404);
  });
});

describe('GET /v1/kpi-snapshots', () => {
  let sim: GtmhubSimulator;
  let clock = NOW;
  beforeAll(async () => {
    sim = await startSim({ now: () => clock });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    for (const id of [...sim.state.kpis.keys()]) sim.state.removeKpi(id);
  });

  const kpiWith = async (aggregation: string, posts: Array<[group: string, value: number, at?: string]>): Promise<string> => {
    const { id } = sim.state.addKpi({ name: `KPI ${aggregation}`, aggregation });
    for (const [group, value, at] of posts) {
      clock = new Date(at ?? NOW.toISOString());
      const res = await call(sim, 'POST', `/v1/kpis/${id}/snapshots`, { body: { group, timeZone: 'UTC+1', value } });
      expect(res.status).toBe(201);
    }
    clock = NOW;
    return id;
  };
  const read = async (query: Record<string, string>) => {
    const res = await call(sim, 'GET', '/v1/kpi-snapshots', { query });
    expect(res.status).toBe(200);
    return res.body as { items: Array<{ kpiId: string; group: string; value: number; timeZone: string; dateCreated: string }>; totalCount: number };
  };
  const groupsAndValues = (page: Awaited<ReturnType<typeof read>>) => page.items.map((i) => [i.group, i.value]);

  it('answers one row per posted period, labelled as posted, oldest first', async () => {
    const id = await kpiWith('last', [['2026-W48', 3], ['2026-W47', 2]]);
    const page = await read({ ids: id });
    expect(page.items).toEqual([
      { kpiId: id, group: '2026-W47', value: 2, timeZone: 'UTC+1', dateCreated: NOW.toISOString() },
      { kpiId: id, group: '2026-W48', value: 3, timeZone: 'UTC+1', dateCreated: NOW.toISOString() },
    ]);
    expect(page.totalCount).toBe(2);
  });

  it('labels rows with the requested timeZone', async () => {
    const id = await kpiWith('last', [['2026-W48', 3]]);
    expect((await read({ ids: id, timeZone: 'UTC-2' })).items[0]!.timeZone).toBe('UTC-2');
  });

  it('keeps the value with the latest dateCreated for aggregation last', async () => {
    const id = await kpiWith('last', [
      ['2026-W48', 10, '2026-11-24T10:00:00Z'],
      ['2026-W48', 30, '2026-11-28T10:00:00Z'],
      ['2026-W48', 20, '2026-11-26T10:00:00Z'],
    ]);
    const page = await read({ ids: id });
    expect(groupsAndValues(page)).toEqual([['2026-W48', 30]]);
    expect(page.items[0]!.dateCreated).toBe('2026-11-28T10:00:00.000Z');
  });

  it('adds the values of a period for aggregation sum', async () => {
    const id = await kpiWith('sum', [['2026-W48', 10], ['2026-W48', 5]]);
    expect(groupsAndValues(await read({ ids: id }))).toEqual([['2026-W48', 15]]);
  });

  it('averages the values of a period for aggregation average', async () => {
    const id = await kpiWith('average', [['2026-W48', 10], ['2026-W48', 5]]);
    expect(groupsAndValues(await read({ ids: id }))).toEqual([['2026-W48', 7.5]]);
  });

  it('regroups weeks by the month their first day falls in', async () => {
    // W44 starts on Oct 26; W45 and W46 start in November.
    const id = await kpiWith('sum', [['2026-W44', 1], ['2026-W45', 2], ['2026-W46', 4]]);
    expect(groupsAndValues(await read({ ids: id, groupBy: 'month' }))).toEqual([['2026-10', 1], ['2026-11', 6]]);
  });

  it('regroups months by quarter', async () => {
    const id = await kpiWith('average', [['2026-09', 3], ['2026-10', 4], ['2026-12', 8]]);
    expect(groupsAndValues(await read({ ids: id, groupBy: 'quarter' }))).toEqual([['2026-Q3', 3], ['2026-Q4', 6]]);
  });

  it('regroups days by ISO week, using the ISO week-year', async () => {
    const id = await kpiWith('sum', [['2026-12-31', 1], ['2027-01-03', 2], ['2027-01-04', 4]]);
    expect(groupsAndValues(await read({ ids: id, groupBy: 'week' }))).toEqual([['2026-W53', 3], ['2027-W01', 4]]);
  });

  it('labels a weekly snapshot by its first day with groupBy day', async () => {
    const id = await kpiWith('last', [['2026-W48', 7]]);
    expect(groupsAndValues(await read({ ids: id, groupBy: 'day' }))).toEqual([['2026-11-23', 7]]);
  });

  it('keeps periods that overlap from and to, both inclusive', async () => {
    // W47: Nov 16–22, W48: Nov 23–29, W49: Nov 30–Dec 6.
    const id = await kpiWith('last', [['2026-W47', 1], ['2026-W48', 2], ['2026-W49', 3]]);
    expect(groupsAndValues(await read({ ids: id, from: '2026-11-22', to: '2026-11-23' }))).toEqual([['2026-W47', 1], ['2026-W48', 2]]);
    expect(groupsAndValues(await read({ ids: id, from: '2026-11-23', to: '2026-11-29' }))).toEqual([['2026-W48', 2]]);
    expect(groupsAndValues(await read({ ids: id, from: '2026-11-30' }))).toEqual([['2026-W49', 3]]);
    expect(groupsAndValues(await read({ ids: id, to: '2026-11-22' }))).toEqual([['2026-W47', 1]]);
  });

  it('answers rows sorted by KPI id, leaving out unknown ids', async () => {
    const a = await kpiWith('last', [['2026-W48', 1]]);
    const b = await kpiWith('last', [['2026-W48', 2]]);
    const page = await read({ ids: [b, '5e8c27e3dcdddaa4addbdee8', a].join(',') });
    expect(page.items.map((i) => i.kpiId)).toEqual([a, b].sort());
    expect(page.totalCount).toBe(2);
  });

  it('answers the same on /v1/kpis/snapshots', async () => {
    const id = await kpiWith('sum', [['2026-W47', 1], ['2026-W48', 2]]);
    const query = { ids: id, groupBy: 'month' };
    const twin = await call(sim, 'GET', '/v1/kpis/snapshots', { query });
    expect(twin.status).toBe(200);
    expect(twin.body).toEqual(await read(query));
  });

  it.each([
    ['no ids', {}, /ids/],
    ['an empty ids', { ids: '' }, /ids/],
    ['an unknown groupBy', { ids: 'x', groupBy: 'year' }, /groupBy/],
    ['a malformed from', { ids: 'x', from: '2026-11-5' }, /from/],
    ['a date that does not exist', { ids: 'x', to: '2026-02-30' }, /to/],
    ['a malformed timeZone', { ids: 'x', timeZone: 'CET' }, /timeZone/],
    ['from after to', { ids: 'x', from: '2026-12-01', to: '2026-11-01' }, /after/],
  ])('answers 400 for %s', async (_case, query, message) => {
    const res = await call(sim, 'GET', '/v1/kpi-snapshots', { query });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});
