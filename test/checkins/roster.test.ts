import { describe, expect, it } from 'vitest';
import type { Reach } from '../../src/checkins/owed.js';
import { CheckinRosters, type RosterPeople } from '../../src/checkins/roster.js';
import type { CheckinReminder, CheckinSchedule } from '../../src/checkins/types.js';
import type { CatalogueView } from '../../src/kpis/catalogue.js';
import { aKpi } from '../kpis/kpi-fixtures.js';

const NOW = new Date('2026-12-02T12:00:00Z'); // a Wednesday
const revenue = aKpi('Revenue', { id: 'k1', ownerIds: ['g_ana'] });
const churn = aKpi('Churn', { id: 'k2', ownerIds: ['g_raj', 'g_gone', 'g_left'] });

function reminder(overrides: Partial<CheckinReminder> = {}): CheckinReminder {
  return { id: 'r1', teamId: 'T1', channelId: 'C1', createdBy: 'U_BOSS', personalFor: null, selection: { kind: 'kpis', kpiIds: ['k1', 'k2'] }, period: 'this_week', weekday: 1, time: '09:00', zone: null, status: 'active', createdAt: NOW, ...overrides };
}

function setUp(kpis = [revenue, churn]) {
  const schedules = new Map<string, CheckinSchedule>();
  const reach: Record<string, Reach> = {
    g_ana: { kind: 'slack', slackUserId: 'U_ANA' },
    g_raj: { kind: 'slack', slackUserId: 'U_RAJ' },
    g_left: { kind: 'unreachable', reason: 'deactivated' },
  };
  const zones: Record<string, string> = { U_ANA: 'Asia/Kolkata', U_RAJ: 'America/New_York' };
  const people = { complete: true };
  const view = { kpis, byId: new Map(kpis.map((k) => [k.id, k])), groupNames: new Map(), loadedAt: 0 } as unknown as CatalogueView;
  const rosters = new CheckinRosters({
    catalogue: async () => view,
    channelDigestKpis: async () => [],
    people: async (): Promise<RosterPeople> => ({
      reachOf: (id) => reach[id] ?? { kind: 'unreachable', reason: 'no_slack_person' },
      zoneOf: (id) => zones[id],
      nameOf: (id) => `name of ${id}`,
      complete: people.complete,
    }),
    schedules: {
      schedulesOf: async () => [...schedules.values()].sort((a, b) => a.slackUserId.localeCompare(b.slackUserId)),
      schedule: async (s) => void schedules.set(s.slackUserId, s),
      unschedule: async (_r, id) => void schedules.delete(id),
    },
  });
  const slots = () => [...schedules.values()].map((s) => [s.slackUserId, s.zone, s.nextRunAt.toISOString()]).sort();
  return { rosters, reach, zones, people, slots };
}

describe('CheckinRosters', () => {
  it('schedules each KPI owner with a Slack person at the reminder’s time in their own zone, and names the others', async () => {
    const { rosters, slots } = setUp();
    const roster = await rosters.sync(reminder(), { from: NOW });
    expect(slots()).toEqual([
      ['U_ANA', 'Asia/Kolkata', '2026-12-07T03:30:00.000Z'],
      ['U_RAJ', 'America/New_York', '2026-12-07T14:00:00.000Z'],
    ]);
    expect(roster.unreachable.map((o) => [o.gtmhubUserId, o.reason, o.kpis.map((k) => k.id)])).toEqual([
      ['g_gone', 'no_slack_person', ['k2']],
      ['g_left', 'deactivated', ['k2']],
    ]);
  });

  it('follows owners at each run: a new owner is scheduled, one who owns nothing any more is taken off, others keep their slot', async () => {
    const { rosters, reach, slots } = setUp();
    await rosters.sync(reminder(), { from: NOW });
    reach.g_raj = { kind: 'slack', slackUserId: 'U_NEW' };
    await rosters.sync(reminder(), { from: new Date('2026-12-07T03:29:59.999Z') });
    expect(slots()).toEqual([
      ['U_ANA', 'Asia/Kolkata', '2026-12-07T03:30:00.000Z'],
      ['U_NEW', 'UTC', '2026-12-07T09:00:00.000Z'],
    ]);
  });

  it('takes nobody off while the people directory is still loading', async () => {
    const { rosters, reach, people, slots } = setUp();
    await rosters.sync(reminder(), { from: NOW });
    reach.g_raj = { kind: 'unreachable', reason: 'no_slack_person' };
    people.complete = false;
    await rosters.sync(reminder(), { from: NOW });
    expect(slots().map(([id]) => id)).toEqual(['U_ANA', 'U_RAJ']);
  });

  it('moves everyone to a new time on an edit, and puts them all in the fixed zone when there is one', async () => {
    const { rosters, slots } = setUp();
    await rosters.sync(reminder(), { from: NOW });
    await rosters.sync(reminder({ time: '10:00', zone: 'Europe/Berlin' }), { from: NOW, reschedule: true });
    expect(slots()).toEqual([
      ['U_ANA', 'Europe/Berlin', '2026-12-07T09:00:00.000Z'],
      ['U_RAJ', 'Europe/Berlin', '2026-12-07T09:00:00.000Z'],
    ]);
  });

  it('schedules a personal check-in for its person alone, whatever the owners', async () => {
    const { rosters, slots } = setUp();
    const roster = await rosters.sync(reminder({ personalFor: 'U_ANA', selection: { kind: 'owned' } }), { from: NOW });
    expect(slots()).toEqual([['U_ANA', 'Asia/Kolkata', '2026-12-07T03:30:00.000Z']]);
    expect(roster.kpiCount).toBe(1);
  });
});
