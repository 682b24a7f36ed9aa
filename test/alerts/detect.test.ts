import { describe, expect, it } from 'vitest';
import { detect, type RuleToCheck } from '../../src/alerts/detect.js';
import type { AlertCondition, AlertRule } from '../../src/alerts/types.js';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';

/** Thursday of 2026-W49 (noon UTC: the same week in Berlin, New York and Kolkata). */
const AT = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));

function rule(id: string, condition: AlertCondition, zone = 'Europe/Berlin', state: AlertRule['state'] = {}): AlertRule {
  return {
    id,
    teamId: 'T1',
    channelId: 'C1',
    personal: false,
    ownerUserId: 'U1',
    target: { kind: 'kpi', kpiId: 'k1' },
    zone,
    condition,
    status: 'active',
    pausedReason: null,
    mutedUntil: null,
    state,
    stateVersion: 0,
    nextPollAt: AT,
    createdAt: AT,
    updatedAt: AT,
  };
}

/** A snapshot source over a fixed list that records every query. */
function source(snapshots: KpiSnapshot[]) {
  const queries: SnapshotQuery[] = [];
  return {
    queries,
    getKpiSnapshots: async (query: SnapshotQuery) => {
      queries.push(query);
      return snapshots.filter((s) => query.ids.includes(s.kpiId));
    },
  };
}

const above = (threshold: number): AlertCondition => ({ kind: 'above', threshold });
const watch = (r: AlertRule, ...kpiIds: string[]): RuleToCheck => ({ rule: r, kpis: kpiIds.map((kpiId) => ({ kpiId, targetOperator: 'should_increase' })) });

describe('detect', () => {
  it('reads once per (UTC offset, week) however many rules and KPIs are due', async () => {
    const src = source([]);
    const rules = [
      ...Array.from({ length: 50 }, (_, i) => watch(rule(`b${i}`, above(1)), `k${i}`, 'shared')),
      ...Array.from({ length: 50 }, (_, i) => watch(rule(`n${i}`, { kind: 'wrong_way', periods: 3 }, 'America/New_York'), `k${i}`)),
      watch(rule('p', above(1), 'Europe/Paris'), 'k1'),
    ];
    const detection = await detect(rules, AT, src);
    expect(detection.reads).toBe(2);
    expect(src.queries.map((q) => [q.timeZone, q.ids.length, q.from, q.to])).toEqual([
      ['UTC+1', 51, '2026-11-23', '2026-12-06'],
      ['UTC-5', 50, '2026-11-09', '2026-12-06'],
    ]);
  });

  it('fires for a rule whose condition became true this week, with the value, the week before and when it was recorded', async () => {
    const src = source([
      { kpiId: 'k1', group: '2026-W48', value: 900 },
      { kpiId: 'k1', group: '2026-W49', value: 1100, dateCreated: '2026-12-02T10:00:00Z' },
      { kpiId: 'k1', group: '2026-W49', value: 1300, dateCreated: '2026-12-03T10:00:00Z' },
    ]);
    const detection = await detect([watch(rule('r1', above(1200)), 'k1'), watch(rule('r2', above(5000)), 'k1')], AT, src);
    expect(detection.firings).toEqual([
      { ruleId: 'r1', kpiId: 'k1', period: '2026-W49', crossing: 1, value: 1300, previous: 900, recordedAt: '2026-12-03T10:00:00Z' },
    ]);
    expect(detection.states.get('r1')).toEqual({ k1: { period: '2026-W49', holds: true, firedInPeriod: true, crossings: 1 } });
    expect(detection.states.get('r2')).toEqual({ k1: { period: '2026-W49', holds: false, firedInPeriod: false, crossings: 0 } });
  });

  it('does not fire again in a week it already fired, and reports no state change while nothing changes', async () => {
    const src = source([{ kpiId: 'k1', group: '2026-W49', value: 1300 }]);
    const fired = { k1: { period: '2026-W49', holds: true, firedInPeriod: true, crossings: 1 } };
    const detection = await detect([watch(rule('r1', above(1200), 'Europe/Berlin', fired), 'k1')], AT, src);
    expect(detection.firings).toEqual([]);
    expect(detection.states.size).toBe(0);
  });

  it('reads nothing when the due rules watch no KPI (an empty group)', async () => {
    const src = source([]);
    expect((await detect([watch(rule('r1', above(1)))], AT, src)).reads).toBe(0);
    expect(src.queries).toEqual([]);
  });
});
