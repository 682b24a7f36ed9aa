import { describe, expect, it } from 'vitest';
import { CheckinContentSource, dueCheckinId } from '../../src/checkins/content.js';
import type { Reach } from '../../src/checkins/owed.js';
import type { CheckinReminder, DueCheckin } from '../../src/checkins/types.js';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import type { CatalogueView } from '../../src/kpis/catalogue.js';
import { aKpi } from '../kpis/kpi-fixtures.js';

const SLOT = new Date('2026-12-07T03:30:00Z'); // Mon 09:00 in Kolkata (W50), Sun 22:30 in New York (W49)
const revenue = aKpi('Revenue', { id: 'k1', ownerIds: ['g_ana'], groups: ['sales'] });
const leads = aKpi('Leads', { id: 'k2', ownerIds: ['g_ana', 'g_raj'], groups: ['sales'] });
const churn = aKpi('Churn', { id: 'k3', ownerIds: ['g_raj', 'g_gone'] });
const view = { kpis: [revenue, leads, churn], byId: new Map([revenue, leads, churn].map((k) => [k.id, k])), groupNames: new Map(), loadedAt: 0 } as unknown as CatalogueView;
const reach: Record<string, Reach> = { g_ana: { kind: 'slack', slackUserId: 'U_ANA' }, g_raj: { kind: 'slack', slackUserId: 'U_RAJ' } };

function reminder(id: string, selection: CheckinReminder['selection']): CheckinReminder {
  return { id, teamId: 'T1', channelId: 'C1', createdBy: 'U_BOSS', personalFor: null, selection, period: 'this_week', weekday: 1, time: '09:00', zone: null, status: 'active', createdAt: SLOT };
}

function due(r: CheckinReminder, slackUserId: string, zone: string): DueCheckin {
  return { reminder: r, schedule: { reminderId: r.id, slackUserId, zone, nextRunAt: SLOT } };
}

function source(snapshots: KpiSnapshot[], state: { skipped?: string[]; optedOut?: boolean } = {}) {
  const reads: SnapshotQuery[] = [];
  const content = new CheckinContentSource({
    snapshots: { getKpiSnapshots: async (query) => (reads.push(query), snapshots.filter((s) => query.ids.includes(s.kpiId))) },
    catalogue: async () => view,
    channelDigestKpis: async () => ['k3'],
    reachOf: async () => (id) => reach[id] ?? { kind: 'unreachable', reason: 'no_slack_person' },
    personState: async () => ({ skipped: new Set(state.skipped ?? []), optedOut: state.optedOut ?? false }),
  });
  return { content, reads };
}

const snap = (kpiId: string, group: string, value: number) => ({ kpiId, group, value }) as KpiSnapshot;

describe('CheckinContentSource', () => {
  it('gives each person their missing KPIs for the week of their zone, with last week’s value as a hint', async () => {
    const r1 = reminder('r1', { kind: 'groups', groupIds: ['sales'] });
    const { content } = source([snap('k1', '2026-W50', 5), snap('k2', '2026-W49', 7)]);
    const built = await content.build([due(r1, 'U_ANA', 'Asia/Kolkata'), due(r1, 'U_RAJ', 'America/New_York')], SLOT);
    const ana = built.get(dueCheckinId(due(r1, 'U_ANA', 'Asia/Kolkata')))!;
    expect([ana.period, ana.owed.map((o) => [o.kpi.id, o.previous])]).toEqual(['2026-W50', [['k2', 7]]]);
    const raj = built.get('r1/U_RAJ')!;
    expect([raj.period, raj.owed.map((o) => o.kpi.id)]).toEqual(['2026-W49', []]);
  });

  it('reads Gtmhub once per (UTC offset, period) for all the KPIs of all the reminders due', async () => {
    const r1 = reminder('r1', { kind: 'kpis', kpiIds: ['k1'] });
    const r2 = reminder('r2', { kind: 'channel_digests' });
    const { content, reads } = source([]);
    await content.build([due(r1, 'U_ANA', 'Asia/Kolkata'), due(r2, 'U_RAJ', 'Asia/Kolkata'), due(r2, 'U_NY', 'America/New_York')], SLOT);
    expect(reads.map((q) => [q.timeZone, [...q.ids].sort()])).toEqual([
      ['UTC+5:30', ['k1', 'k3']],
      ['UTC-5', ['k3']],
    ]);
  });

  it('leaves out what the person put off, and everything when they turned reminders off', async () => {
    const r1 = reminder('r1', { kind: 'groups', groupIds: ['sales'] });
    expect((await source([], { skipped: ['k1'] }).content.build([due(r1, 'U_ANA', 'UTC')], SLOT)).get('r1/U_ANA')!.owed.map((o) => o.kpi.id)).toEqual(['k2']);
    expect((await source([], { optedOut: true }).content.build([due(r1, 'U_ANA', 'UTC')], SLOT)).get('r1/U_ANA')!.owed).toEqual([]);
  });
});
