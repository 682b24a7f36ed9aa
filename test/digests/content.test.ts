import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATALOGUE_MAX_AGE_MS, DigestContent } from '../../src/digests/content.js';
import type { DigestReport } from '../../src/digests/report.js';
import type { DigestSelection, DigestSubscription } from '../../src/digests/types.js';
import { GtmhubClient } from '../../src/gtmhub/client.js';
import { GtmhubServerError } from '../../src/gtmhub/errors.js';
import { noRetries } from '../../src/gtmhub/retry.js';
import { KpiCatalogue } from '../../src/kpis/catalogue.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { renderDigest } from '../../src/slack/views/digests/compose.js';

/** A built report as the digest's Slack messages say it (slack/views/digests/compose.ts). */
const inSlack = (report: DigestReport | undefined): string => JSON.stringify(report ? renderDigest(report) : undefined);

/** Monday 2026-11-30 08:00 UTC: 09:00 in Berlin, 03:00 in New York; both last complete weeks are W48. */
const AT = new Date('2026-11-30T08:00:00Z');
const SNAPSHOT_READ = /^\/v1\/(kpi-snapshots|kpis\/snapshots)$/;
const ONE_KPI = /^\/v1\/kpis\/[0-9a-f]{24}$/;

let seq = 0;
function subscription(zone: string, selection: DigestSelection, fields: Partial<DigestSubscription> = {}): DigestSubscription {
  seq += 1;
  return {
    id: `sub-${seq}`,
    teamId: 'T1',
    channelId: 'C1',
    ownerUserId: 'U1',
    selection,
    includeChart: true,
    weekday: 1,
    time: '09:00',
    zone,
    skipWhenUnchanged: false,
    listNotUpdated: true,
    status: 'active',
    pausedReason: null,
    nextRunAt: AT,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

describe('DigestContent', () => {
  let sim: GtmhubSimulator;
  let client: GtmhubClient;
  let favorites: Map<string, string[]>;
  let content: DigestContent;
  let kpiIds: string[];
  /** The catalogue's and the content's clock, moved by the tests that need time to pass. */
  let clock: number;

  beforeAll(async () => {
    sim = await startGtmhubSimulator({ now: () => AT, demo: { kpiCount: 300, weeks: 10 } });
    client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: noRetries });
    kpiIds = [...sim.state.kpis.keys()];
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });
  beforeEach(() => {
    favorites = new Map();
    clock = AT.getTime();
    const logger = createMemoryLogger('debug');
    content = new DigestContent({
      snapshots: client,
      catalogue: new KpiCatalogue({ source: client, logger, now: () => clock }),
      now: () => clock,
      favoriteGroupsOf: async (_team, user) => favorites.get(user) ?? [],
      logger,
      policy: noRetries,
    });
    sim.clearRequests();
  });

  const snapshotReads = () => sim.requests.filter((r) => SNAPSHOT_READ.test(r.path));
  const kpiListReads = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/v2/kpis' && (r.query.skip ?? '0') === '0');

  it('reads 100 subscriptions over 300 KPIs in two zones with one batched read per zone', async () => {
    // 50 subscriptions per zone, 6 KPIs each: together each zone covers all 300 KPIs.
    const subs = ['Europe/Berlin', 'America/New_York'].flatMap((zone) =>
      Array.from({ length: 50 }, (_, i) => subscription(zone, { kind: 'kpis', kpiIds: kpiIds.slice(i * 6, i * 6 + 6) })),
    );
    const built = await content.build(subs, AT);
    expect(built.size).toBe(100);
    // ⌈300 / 60 ids per request⌉ = 5 requests per zone.
    expect(snapshotReads()).toHaveLength(10);
    expect(new Set(snapshotReads().map((r) => r.query.timeZone))).toEqual(new Set(['UTC+1', 'UTC-5']));
    expect(sim.requests.filter((r) => ONE_KPI.test(r.path))).toEqual([]);
  });

  it('shares one read between zones that have the same UTC offset at that moment', async () => {
    const subs = [
      subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 40) }),
      subscription('Europe/Paris', { kind: 'kpis', kpiIds: kpiIds.slice(20, 60) }),
    ];
    await content.build(subs, AT);
    expect(snapshotReads()).toHaveLength(1);
    expect(snapshotReads()[0]!.query.ids!.split(',')).toHaveLength(60);
  });

  it('asks for the 9 weeks that end with the last complete week, grouped by week', async () => {
    await content.build([subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 1) })], AT);
    // W40 starts on Monday 2026-09-28; W48 ends on Sunday 2026-11-29.
    expect(snapshotReads()[0]!.query).toMatchObject({ groupBy: 'week', from: '2026-09-28', to: '2026-11-29', timeZone: 'UTC+1' });
  });

  it("reports each KPI's value of the period from the shared read", async () => {
    const kpi = sim.state.kpis.get(kpiIds[0]!)!;
    sim.state.addSnapshot({ kpiId: kpi.id, group: '2026-W48', timeZone: 'UTC+1', value: 4242 });
    const sub = subscription('Europe/Berlin', { kind: 'kpis', kpiIds: [kpi.id] });
    const built = await content.build([sub], AT);
    const digest = built.get(sub.id)!;
    expect(digest.kind).toBe('post');
    expect(inSlack(digest)).toContain(`${kpi.formatting.prefix}4,242`);
    expect(digest.period).toBe('2026-W48');
  });

  it("covers the KPIs of a subscriber's favorite groups as they are at the run", async () => {
    const group = [...sim.state.groups.values()][0]!;
    favorites.set('U7', [group.id]);
    const sub = subscription('Europe/Berlin', { kind: 'favorites' }, { ownerUserId: 'U7' });
    const built = await content.build([sub], AT);
    const text = inSlack(built.get(sub.id));
    const inGroup = [...sim.state.kpis.values()].filter((k) => k.groups.includes(group.id));
    expect(inGroup.length).toBeGreaterThan(0);
    for (const kpi of inGroup.slice(0, 5)) expect(text).toContain(kpi.name.replace(/&/g, '&amp;'));
    expect(text).toContain(`<@U7>'s favorite groups: ${group.name}`);
  });

  it('lists the KPIs from Gtmhub once for runs less than five minutes apart', async () => {
    const sub = subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 2) });
    await content.build([sub], AT);
    clock += CATALOGUE_MAX_AGE_MS - 1;
    await content.build([sub], AT);
    expect(kpiListReads()).toHaveLength(1);
  });

  it('lists the KPIs from Gtmhub again once the list is more than five minutes old', async () => {
    const sub = subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 2) });
    await content.build([sub], AT);
    clock += CATALOGUE_MAX_AGE_MS + 1;
    await content.build([sub], AT);
    expect(kpiListReads()).toHaveLength(2);
  });

  it('uses the KPI list it has when Gtmhub cannot list the KPIs again', async () => {
    const sub = subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 2) });
    await content.build([sub], AT);
    clock += CATALOGUE_MAX_AGE_MS + 1;
    sim.faults.set('GET /v2/kpis', { status: 503 });
    try {
      expect((await content.build([sub], AT)).get(sub.id)?.kind).toBe('post');
    } finally {
      sim.faults.clear();
    }
  });

  it('never cuts an escaped character in two when it shortens a long list of group names', async () => {
    const groups = Array.from({ length: 8 }, (_, i) => sim.state.addGroup(`R&D ${'&'.repeat(40)} ${i}`));
    const sub = subscription('Europe/Berlin', { kind: 'groups', groupIds: groups.map((g) => g.id) });
    const built = await content.build([sub], AT);
    const digest = renderDigest(built.get(sub.id)!);
    if (digest.kind !== 'post') throw new Error('expected a post');
    const scope = JSON.stringify(digest.messages[0]!.blocks[1]);
    expect(scope).toContain('Groups: R&amp;D');
    expect(scope).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('leaves out a KPI deleted in Gtmhub with a note instead of failing', async () => {
    const doomed = sim.state.addKpi({ name: 'Doomed KPI' });
    const sub = subscription('Europe/Berlin', { kind: 'kpis', kpiIds: [kpiIds[1]!, doomed.id] });
    sim.state.removeKpi(doomed.id);
    const built = await content.build([sub], AT);
    const text = inSlack(built.get(sub.id));
    expect(text).toContain('1 KPI in this digest no longer exists in Gtmhub and was left out.');
    expect(text).not.toContain('Doomed KPI');
  });

  it("fails the run with Gtmhub's own error when the values cannot be read, so the engine can say why", async () => {
    sim.faults.set('GET /v1/kpi-snapshots', { status: 500 });
    try {
      const run = content.build([subscription('Europe/Berlin', { kind: 'kpis', kpiIds: kpiIds.slice(0, 2) })], AT);
      await expect(run).rejects.toBeInstanceOf(GtmhubServerError);
    } finally {
      sim.faults.clear();
    }
  });
});
