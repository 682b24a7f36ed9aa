/**
 * Every client method end to end against the Gtmhub simulator (a real HTTP server on loopback), plus
 * the id batching measured on a scripted server that shows the raw URLs it received.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import {
  GtmhubClient,
  GtmhubClientOptionsError,
  GtmhubDeadlineError,
  GtmhubForbiddenError,
  GtmhubInvalidArgumentError,
  GtmhubNotFoundError,
  GtmhubServerError,
  GtmhubUnauthorizedError,
  IDS_PER_REQUEST,
  interactiveWithinTwoSeconds,
  KPI_PAGE_SIZE,
  MAX_PAGING_PASSES,
  MAX_URL_CHARS,
  noRetries,
  type Kpi,
} from '../../src/gtmhub/index.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

let sim: GtmhubSimulator;
let client: GtmhubClient;

beforeEach(async () => {
  sim = await startGtmhubSimulator({ demo: false, now: () => new Date('2026-11-28T12:00:00Z') });
  client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: noRetries });
});

afterEach(async () => {
  await client.close();
  await sim.close();
});

function addKpis(count: number, fields: Partial<Kpi> = {}): Kpi[] {
  return Array.from({ length: count }, (_, i) => sim.state.addKpi({ name: `KPI ${String(i).padStart(4, '0')}`, ...fields }));
}

describe('KPIs', () => {
  it('creates a KPI and returns it as Gtmhub stored it', async () => {
    const created = await client.createKpi({
      name: 'New Customers per Day',
      aggregation: 'average',
      targetOperator: 'should_increase',
      formatting: { fractionSize: 2, prefix: '', suffix: ' customers' },
    });
    expect(created).toMatchObject({ name: 'New Customers per Day', aggregation: 'average', formatting: { fractionSize: 2 } });
    expect(sim.state.kpis.get(created.id)?.name).toBe('New Customers per Day');
  });

  it('reads one KPI, with the description formatting asked for', async () => {
    const [kpi] = addKpis(1, { description: 'Owned by **sales**' });
    const read = await client.getKpi(kpi!.id, { formatting: 'plainText' });
    expect(read.id).toBe(kpi!.id);
    expect(sim.requests.at(-1)?.query).toMatchObject({ formatting: 'plainText' });
  });

  it('changes only the fields given and returns the updated KPI', async () => {
    const [kpi] = addKpis(1, { description: 'keep me' });
    const updated = await client.updateKpi(kpi!.id, { name: 'Renamed' });
    expect(updated).toMatchObject({ id: kpi!.id, name: 'Renamed', description: 'keep me' });
    expect(sim.requests.at(-1)?.body).toEqual({ name: 'Renamed' });
  });

  it('deletes a KPI', async () => {
    const [kpi] = addKpis(1);
    await client.deleteKpi(kpi!.id);
    expect(sim.state.kpis.has(kpi!.id)).toBe(false);
  });

  it('reports a missing KPI as not found', async () => {
    await expect(client.getKpi('5e8c27e3dcdddaa4addbdee8')).rejects.toBeInstanceOf(GtmhubNotFoundError);
  });

  it('lists one page with its total, filtered and sorted', async () => {
    addKpis(5);
    const page = await client.listKpis({ filter: { name: { $regex: '000[1-3]' } }, sort: '-name', take: 2 });
    expect(page.totalCount).toBe(3);
    expect(page.items.map((k) => k.name)).toEqual(['KPI 0003', 'KPI 0002']);
  });

  it('keeps id and name in a projection', async () => {
    addKpis(1, { description: 'long text' });
    const page = await client.listKpis({ fields: ['description'] });
    expect(sim.requests.at(-1)?.query.fields).toBe('id,name,description');
    expect(page.items[0]).toMatchObject({ name: 'KPI 0000', description: 'long text' });
  });

  it('pages through more than one page of KPIs', async () => {
    const kpis = addKpis(250);
    const all = await client.listAllKpis({ sort: 'name' });
    expect(all.map((k) => k.id)).toEqual(kpis.map((k) => k.id));
    expect(sim.requests.map((r) => r.query.skip)).toEqual(['0', '100', '200']);
    expect(sim.requests.every((r) => r.query.take === String(KPI_PAGE_SIZE))).toBe(true);
  });

  it('sends a stable sort, take and limit on every page, so an unstable server still gives every KPI once', async () => {
    // The simulator orders unsorted lists differently on every request, as Gtmhub's paging page warns.
    const kpis = addKpis(250);
    const all = await client.listAllKpis();
    expect(all).toHaveLength(250);
    expect(new Set(all.map((k) => k.id))).toEqual(new Set(kpis.map((k) => k.id)));
    expect(sim.requests.map((r) => [r.query.sort, r.query.take, r.query.limit])).toEqual(Array(3).fill(['_id', '100', '100']));
  });

  it("keeps the caller's sort and adds the id as the tie-breaker", async () => {
    addKpis(2);
    await client.listKpis({ sort: '-name' });
    await client.listKpis({ sort: 'id' });
    expect(sim.requests.map((r) => r.query.sort)).toEqual(['-name,_id', 'id']);
  });

  it('reads the list again when totalCount says more KPIs exist than distinct ones arrived', async () => {
    const scripted = await startScriptedServer();
    const a = { id: 'a', name: 'A' };
    const b = { id: 'b', name: 'B' };
    const c = { id: 'c', name: 'C' };
    // First pass: page 2 repeats `b` and misses `c` (what an order that changes between pages does).
    scripted.script(
      { status: 200, body: { items: [a, b], totalCount: 3 } },
      { status: 200, body: { items: [b], totalCount: 3 } },
      { status: 200, body: { items: [a, c], totalCount: 3 } },
      { status: 200, body: { items: [b], totalCount: 3 } },
    );
    const logger = createMemoryLogger('warn');
    const gtmhub = new GtmhubClient({ baseUrl: scripted.url, token: 'some-token', accountId: 'acc', retryPolicy: noRetries, logger });
    try {
      const kpis = await gtmhub.listAllKpis();
      expect(kpis.map((k) => k.id).sort()).toEqual(['a', 'b', 'c']);
      expect(scripted.requests.map((r) => r.query.get('skip'))).toEqual(['0', '2', '0', '2']);
      expect(logger.lines).toHaveLength(1);
      expect(JSON.parse(logger.lines[0]!)).toMatchObject({ level: 'warn', endpoint: 'GET /v2/kpis', totalCount: 3, distinct: 2, pass: 1 });
    } finally {
      await gtmhub.close();
      await scripted.close();
    }
  });

  it('gives up re-reading after MAX_PAGING_PASSES and logs an error, serving what arrived', async () => {
    const scripted = await startScriptedServer();
    // A server that always says 3 but only ever has 2: no number of passes finds the third.
    scripted.script({ status: 200, body: { items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], totalCount: 3 } }, (req) =>
      req.query.get('skip') === '0'
        ? { status: 200, body: { items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], totalCount: 3 } }
        : { status: 200, body: { items: [], totalCount: 3 } },
    );
    const logger = createMemoryLogger('warn');
    const gtmhub = new GtmhubClient({ baseUrl: scripted.url, token: 'some-token', accountId: 'acc', retryPolicy: noRetries, logger });
    try {
      expect(await gtmhub.listAllKpis()).toHaveLength(2);
      expect(scripted.requests.filter((r) => r.query.get('skip') === '0')).toHaveLength(MAX_PAGING_PASSES);
      const levels = logger.lines.map((l) => JSON.parse(l).level);
      expect(levels).toEqual([...Array(MAX_PAGING_PASSES - 1).fill('warn'), 'error']);
    } finally {
      await gtmhub.close();
      await scripted.close();
    }
  });

  it('stops paging when a page repeats what it already gave (a server that ignores skip)', async () => {
    const scripted = await startScriptedServer();
    const page = { items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], totalCount: 1_000 };
    scripted.script({ status: 200, body: page });
    const c = new GtmhubClient({ baseUrl: scripted.url, token: 'some-token', accountId: 'acc', retryPolicy: noRetries });
    try {
      expect((await c.listAllKpis()).map((k) => k.id)).toEqual(['a', 'b']);
      expect(scripted.requests).toHaveLength(2);
    } finally {
      await c.close();
      await scripted.close();
    }
  });

  it.each([
    [250, ['0', '100', '200']],
    [200, ['0', '100', '200']],
  ])('keeps paging while pages come back full when Gtmhub gives no total (%i KPIs)', async (count, skips) => {
    const scripted = await startScriptedServer();
    const kpis = Array.from({ length: count }, (_, i) => ({ id: `k${i}`, name: `KPI ${i}` }));
    // Pages of up to 100 without totalCount or count: the envelope cannot say how many there are.
    scripted.script((req) => {
      const skip = Number(req.query.get('skip'));
      return { status: 200, body: { items: kpis.slice(skip, skip + Number(req.query.get('take'))) } };
    });
    const c = new GtmhubClient({ baseUrl: scripted.url, token: 'some-token', accountId: 'acc', retryPolicy: noRetries });
    try {
      expect(await c.listAllKpis()).toHaveLength(count);
      expect(scripted.requests.map((r) => r.query.get('skip'))).toEqual(skips);
    } finally {
      await c.close();
      await scripted.close();
    }
  });

  it('reads a list without a total that fits one page with one request', async () => {
    addKpis(3);
    sim.faults.set('GET /v2/kpis', { status: 200, body: { items: [...sim.state.kpis.values()] } });
    expect(await client.listAllKpis()).toHaveLength(3);
    expect(sim.requests).toHaveLength(1);
  });

  it('lists the KPIs an insight computes, by insight name', async () => {
    sim.state.addInsight('revenue-by-week');
    const [linked] = addKpis(1, { insightLink: { fieldName: 'value', insightName: 'revenue-by-week', settings: [] } });
    addKpis(2);
    const used = await client.getInsightKpiUsages('revenue-by-week');
    expect(used.map((k) => k.id)).toEqual([linked!.id]);
  });
});

describe('snapshots', () => {
  it('records a value and reads it back through both snapshot endpoints', async () => {
    const [kpi] = addKpis(1);
    await client.createSnapshot(kpi!.id, { group: '2026-W48', timeZone: 'UTC+3', value: 42 });
    const query = { ids: [kpi!.id], groupBy: 'week' as const, from: '2026-11-01', to: '2026-11-30' };
    const expected = [expect.objectContaining({ kpiId: kpi!.id, group: '2026-W48', value: 42 })];
    expect(await client.getKpiSnapshots(query)).toEqual(expected);
    expect(await client.getKpisSnapshots(query)).toEqual(expected);
    expect(sim.requests.map((r) => r.route)).toEqual(['POST /v1/kpis/:id/snapshots', 'GET /v1/kpi-snapshots', 'GET /v1/kpis/snapshots']);
  });

  it('sends a snapshot that gets a 503 once, never twice', async () => {
    const [kpi] = addKpis(1);
    sim.faults.set('POST /v1/kpis/:id/snapshots', { status: 503 });
    const error = await client
      .createSnapshot(kpi!.id, { group: '2026-W48', timeZone: 'UTC+3', value: 1 }, { policy: { ...noRetries, maxRetries: 6 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GtmhubServerError);
    expect(sim.requests).toHaveLength(1);
  });

  it('sends nothing for an empty id list', async () => {
    expect(await client.getKpiSnapshots({ ids: [] })).toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });

  it.each([
    ['a value that is not finite', { value: Number.NaN }],
    ['a group that is not a period', { group: '2026-W54' }],
    ['a time zone that is not a UTC offset', { timeZone: 'Europe/Berlin' }],
  ])('refuses %s before sending', async (_, change) => {
    const [kpi] = addKpis(1);
    const body = { group: '2026-W48', timeZone: 'UTC+3', value: 1, ...change };
    await expect(client.createSnapshot(kpi!.id, body)).rejects.toBeInstanceOf(GtmhubInvalidArgumentError);
    expect(sim.requests).toHaveLength(0);
  });

  it('reads 500 KPIs in batches and merges every row', async () => {
    const kpis = addKpis(500);
    for (const kpi of kpis) sim.state.addSnapshot({ kpiId: kpi.id, group: '2026-W48', timeZone: 'UTC+0', value: 1 });
    const rows = await client.getKpiSnapshots({ ids: kpis.map((k) => k.id) });
    expect(new Set(rows.map((r) => r.kpiId))).toEqual(new Set(kpis.map((k) => k.id)));
    expect(sim.requests.length).toBe(Math.ceil(500 / IDS_PER_REQUEST));
  });
});

describe('retries and deadlines against the simulator', () => {
  it('retries a GET that fails twice with 503 and returns the third answer', async () => {
    const [kpi] = addKpis(1);
    sim.faults.set('GET /v1/kpis/:id', { status: 503, times: 2 });
    const read = await client.getKpi(kpi!.id, { policy: interactiveWithinTwoSeconds });
    expect(read.id).toBe(kpi!.id);
    expect(sim.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives a deadline error when Gtmhub never answers within the interactive deadline', async () => {
    const [kpi] = addKpis(1);
    sim.faults.set('GET /v1/kpis/:id', { hang: true });
    const error = await client.getKpi(kpi!.id, { policy: interactiveWithinTwoSeconds }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GtmhubDeadlineError);
    expect((error as GtmhubDeadlineError).code).toBe('gtmhub_deadline_exceeded');
  });
});

describe('id batching', () => {
  let scripted: ScriptedServer;
  beforeAll(async () => {
    scripted = await startScriptedServer();
  });
  afterAll(async () => {
    await scripted.close();
  });

  it('splits 500 ids into URLs under 4 KB, asks each id once, and merges in id order', async () => {
    scripted.script((req) => ({
      status: 200,
      body: { items: (req.query.get('ids') ?? '').split(',').map((kpiId) => ({ kpiId, group: '2026-W48', value: 1 })) },
    }));
    const ids = Array.from({ length: 500 }, (_, i) => i.toString(16).padStart(24, '0'));
    const c = new GtmhubClient({ baseUrl: scripted.url, token: 'some-token', accountId: 'acc', retryPolicy: noRetries });
    try {
      const rows = await c.getKpisSnapshots({ ids: [...ids, ...ids.slice(0, 10)], timeZone: 'UTC+5:30', groupBy: 'week' });
      expect(rows.map((r) => r.kpiId)).toEqual(ids);
      expect(scripted.requests.length).toBeGreaterThan(1);
      for (const req of scripted.requests) expect(`${scripted.origin}${req.url}`.length).toBeLessThan(MAX_URL_CHARS);
      const asked = scripted.requests.flatMap((r) => (r.query.get('ids') ?? '').split(','));
      expect(asked.sort()).toEqual([...ids].sort());
    } finally {
      await c.close();
    }
  });
});

describe('setup', () => {
  it('says how to fix a missing token or account id', () => {
    expect(() => new GtmhubClient({ token: '', accountId: 'acc' })).toThrow(GtmhubClientOptionsError);
    expect(() => new GtmhubClient({ token: 't', accountId: '' })).toThrow(/accountId/);
  });

  it('refuses a base URL with credentials or a query', () => {
    expect(() => new GtmhubClient({ baseUrl: 'https://u:p@app.gtmhub.com/api', token: 't', accountId: 'a' })).toThrow(GtmhubClientOptionsError);
  });
});

describe('groups and tokens', () => {
  it('lists groups and stars one for the token user', async () => {
    const group = sim.state.addGroup('Sales');
    await client.setGroupFavorite(group.id, true);
    expect(await client.listKpiGroups()).toEqual([{ id: group.id, name: 'Sales', favorite: true }]);
    expect(sim.requests.find((r) => r.method === 'PUT')?.body).toEqual({ groupId: group.id, favorite: true });
  });

  it('pages through every group, sorted, 100 at a time', async () => {
    const groups = Array.from({ length: 250 }, (_, i) => sim.state.addGroup(`Group ${i}`));
    const listed = await client.listKpiGroups();
    expect(listed).toHaveLength(250);
    expect(new Set(listed.map((g) => g.name))).toEqual(new Set(groups.map((g) => g.name)));
    expect(sim.requests.map((r) => [r.query.skip, r.query.take, r.query.sort])).toEqual([
      ['0', '100', '_id'],
      ['100', '100', '_id'],
      ['200', '100', '_id'],
    ]);
  });

  it('calls with another bearer token through the same client settings', async () => {
    sim.addToken('personal-token-of-ann', { userId: 'u-ann', name: 'Ann' });
    const group = sim.state.addGroup('Ops');
    await client.withToken('personal-token-of-ann').setGroupFavorite(group.id, true);
    expect(sim.state.isFavorite('u-ann', group.id)).toBe(true);
    expect(sim.state.isFavorite('u-sandbox', group.id)).toBe(false);
  });

  it('reports an unknown token as unauthorized without repeating it', async () => {
    const error = await client.withToken('wrong-token-123456').listKpis().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GtmhubUnauthorizedError);
    expect(String(error)).not.toContain('wrong-token-123456');
  });
});

describe('users', () => {
  beforeEach(() => {
    for (let i = 0; i < 230; i++) {
      sim.state.addUser({ id: `u${String(i).padStart(3, '0')}`, email: `person${i}@example.com`, firstName: 'Person', lastName: `No. ${i}` });
    }
    sim.state.addUser({ id: 'u-ana', email: 'Ana.Lima@Example.com', firstName: 'Ana', lastName: 'Lima' });
  });

  it('pages through every user of the account with GET /v2/users, sorted, with the fields it needs', async () => {
    const users = await client.listAllUsers();
    expect(users).toHaveLength(232); // with the workspace token's user
    expect(new Set(users.map((u) => u.id)).size).toBe(232);
    expect(users.find((u) => u.id === 'u-ana')).toEqual({ id: 'u-ana', email: 'Ana.Lima@Example.com', firstName: 'Ana', lastName: 'Lima', name: 'Ana Lima' });
    expect(sim.requests.map((r) => r.path)).toEqual(['/v2/users', '/v2/users', '/v2/users']);
    expect(sim.requests[0]?.query).toMatchObject({ sort: '_id', take: '100', limit: '100', fields: 'id,email,firstName,lastName' });
  });

  it('finds a user by email without case', async () => {
    const users = await client.listAllUsers({ email: 'ana.lima@example.COM' });
    expect(users.map((u) => u.id)).toEqual(['u-ana']);
    expect(JSON.parse(sim.requests[0]!.query.filter!)).toEqual({ email: { $regex: '^ana\\.lima@example\\.COM$', $options: 'i' } });
  });

  it('escapes what a regular expression would read in an email', async () => {
    sim.state.addUser({ id: 'u-plus', email: 'a+b@example.com', firstName: 'A', lastName: 'B' });
    sim.state.addUser({ id: 'u-ab', email: 'aab@example.com', firstName: 'A', lastName: 'AB' });
    expect((await client.listAllUsers({ email: 'a+b@example.com' })).map((u) => u.id)).toEqual(['u-plus']);
  });

  it("reports a token whose user may not list users as forbidden (403)", async () => {
    sim.state.usersListForbidden = true;
    await expect(client.listAllUsers()).rejects.toBeInstanceOf(GtmhubForbiddenError);
  });

  it('refuses an empty email before sending anything', async () => {
    await expect(client.listUsers({ email: ' ' })).rejects.toBeInstanceOf(GtmhubInvalidArgumentError);
    expect(sim.requests).toHaveLength(0);
  });
});
