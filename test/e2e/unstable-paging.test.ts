/**
 * Gtmhub's paging page warns that paging without a sort may return some items twice and omit
 * others (developer.gtmhub.com/api-reference/paging.html). The Gtmhub simulator does exactly that
 * for unsorted list requests (a new order per request), so this account of 2,500 KPIs in 250
 * groups is a trap for a read that forgets to sort: `/kpi <name>` must still find a KPI from every
 * page of the sorted list, with the name of its group even past the first 100 groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/gtmhub/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { nextReply } from './personal-helpers.js';

const KPIS = 2_500;
const GROUPS = 250;
const PAGE = 100;

describe('a large account whose unsorted lists change order on every request', () => {
  let h: Harness;
  let kpisById: Kpi[];
  beforeAll(async () => {
    h = await startHarness({ gtmhub: { demo: false, unsortedListOrder: 'unstable' } });
    const groups = Array.from({ length: GROUPS }, (_, i) => h.gtmhub.state.addGroup(`Team ${String(i).padStart(3, '0')}`));
    for (let i = 0; i < KPIS; i++) {
      h.gtmhub.state.addKpi({ name: `Widget ${String(i).padStart(4, '0')} output`, groups: [groups[i % GROUPS]!.id] });
    }
    // The order of a sorted read (by id), whose pages the test samples.
    kpisById = [...h.gtmhub.state.kpis.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await h.kpibot.deps.catalogue.refresh();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('holds every KPI once and every group name after the load', async () => {
    const view = await h.kpibot.deps.catalogue.get();
    expect(view.kpis).toHaveLength(KPIS);
    expect(new Set(view.kpis.map((k) => k.id)).size).toBe(KPIS);
    expect(view.groupNames.size).toBe(GROUPS);
    const lists = h.gtmhub.requests.filter((r) => r.route === 'GET /v2/kpis' || r.route === 'GET /v1/kpis/groups');
    expect(lists.length).toBeGreaterThanOrEqual(KPIS / PAGE + Math.ceil(GROUPS / PAGE));
    expect(lists.every((r) => r.query.sort === '_id')).toBe(true);
  });

  it('finds with /kpi <name> a KPI from every page of the list, with its group named', async () => {
    for (let page = 0; page < KPIS / PAGE; page++) {
      const kpi = kpisById[page * PAGE + (page % PAGE)]!;
      const groupName = h.gtmhub.state.groups.get(kpi.groups[0]!)!.name;
      const reply = await nextReply(h, () => h.driver.command(kpi.name));
      expect(reply.text, `page ${page + 1}: ${kpi.name}`).toContain(`*${kpi.name}*`);
      expect(reply.text, `page ${page + 1}: ${kpi.name}`).toContain(groupName);
    }
  }, 120_000);
});
