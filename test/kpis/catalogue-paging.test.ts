/**
 * The catalogue's load against a Gtmhub simulator in the mode Gtmhub's paging page warns of
 * (developer.gtmhub.com/api-reference/paging.html): unsorted list requests come back in a new
 * order every time. Real client, real catalogue, loopback HTTP; nothing depends on timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtmhubClient, noRetries } from '../../src/gtmhub/index.js';
import { parseKpiPage } from '../../src/gtmhub/parse.js';
import { KpiCatalogue } from '../../src/kpis/catalogue.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';

const KPIS = 20_000;
const GROUPS = 300;

describe('loading 20,000 KPIs and 300 groups from a Gtmhub whose unsorted order is unstable', () => {
  let sim: GtmhubSimulator;
  let client: GtmhubClient;
  beforeAll(async () => {
    sim = await startGtmhubSimulator({ demo: false, unsortedListOrder: 'unstable', now: () => new Date('2026-12-02T10:00:00Z') });
    const groups = Array.from({ length: GROUPS }, (_, i) => sim.state.addGroup(`Group ${String(i).padStart(3, '0')}`));
    for (let i = 0; i < KPIS; i++) sim.state.addKpi({ name: `KPI ${String(i).padStart(5, '0')}`, groups: [groups[i % GROUPS]!.id] });
    client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: noRetries });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });

  it('holds every KPI and every group exactly once, each group with its name', async () => {
    const logger = createMemoryLogger('warn');
    const catalogue = new KpiCatalogue({
      source: { listAllKpis: () => client.listAllKpis(), listKpiGroups: () => client.listKpiGroups() },
      logger,
    });
    const view = await catalogue.get({ waitMs: Infinity });

    expect(view.kpis).toHaveLength(KPIS);
    expect(new Set(view.kpis.map((k) => k.id))).toEqual(new Set(sim.state.kpis.keys()));
    expect(view.groupNames.size).toBe(GROUPS);
    for (const group of sim.state.groups.values()) expect(view.groupNames.get(group.id)).toBe(group.name);
    // Every page asked for a stable order; one pass was enough, so nothing was logged.
    const pages = sim.requests.filter((r) => r.route === 'GET /v2/kpis' || r.route === 'GET /v1/kpis/groups');
    expect(pages).toHaveLength(KPIS / 100 + GROUPS / 100);
    expect(pages.every((r) => r.query.sort === '_id')).toBe(true);
    expect(logger.lines).toEqual([]);
  }, 120_000);

  it('would lose and repeat KPIs if it paged without a sort (the simulator really is unstable)', async () => {
    const ids: string[] = [];
    for (let skip = 0; skip < KPIS; skip += 100) {
      const page = await client.apiCall('GET', '/v2/kpis', { query: { skip, take: 100, fields: 'id,name' }, parse: parseKpiPage });
      ids.push(...page.items.map((k) => k.id));
    }
    expect(ids).toHaveLength(KPIS);
    expect(new Set(ids).size).toBeLessThan(KPIS);
  }, 120_000);
});
