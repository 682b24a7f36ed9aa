import { describe, expect, it } from 'vitest';
import { owedFor, progressOf, type OwedInput, type Reach } from '../../src/checkins/owed.js';
import { checkinClaimKey, snoozeClaimKey } from '../../src/checkins/keys.js';

const reach: Record<string, Reach> = {
  g_ana: { kind: 'slack', slackUserId: 'U_ANA' },
  g_raj: { kind: 'slack', slackUserId: 'U_RAJ' },
  g_gone: { kind: 'unreachable', reason: 'deactivated' },
};

function input(overrides: Partial<OwedInput> = {}): OwedInput {
  return {
    kpis: [
      { id: 'k1', ownerIds: ['g_ana'] },
      { id: 'k2', ownerIds: ['g_ana', 'g_raj'] },
      { id: 'k3', ownerIds: ['g_raj'] },
      { id: 'k4', ownerIds: ['g_gone'] },
    ],
    reachOf: (id) => reach[id] ?? { kind: 'unreachable', reason: 'no_slack_person' },
    hasValue: () => false,
    skipped: () => false,
    optedOut: () => false,
    ...overrides,
  };
}

describe('owedFor', () => {
  it('gives each person exactly the KPIs they own that have no value yet', () => {
    const owed = owedFor(input({ hasValue: (id) => id === 'k3' }));
    expect(Object.fromEntries(owed.byPerson)).toEqual({ U_ANA: ['k1', 'k2'], U_RAJ: ['k2'] });
  });

  it('sends nothing to someone with nothing to log', () => {
    const owed = owedFor(input({ hasValue: (id) => id !== 'k1' }));
    expect([...owed.byPerson.keys()]).toEqual(['U_ANA']);
  });

  it('leaves out what a person put off this period, and everything for a person who turned reminders off', () => {
    const owed = owedFor(input({ skipped: (person, kpi) => person === 'U_ANA' && kpi === 'k1', optedOut: (person) => person === 'U_RAJ' }));
    expect(Object.fromEntries(owed.byPerson)).toEqual({ U_ANA: ['k2'] });
  });

  it('lists the missing KPIs whose owner cannot be reached, without stopping the others', () => {
    const owed = owedFor(input({ kpis: [{ id: 'k4', ownerIds: ['g_gone'] }, { id: 'k5', ownerIds: ['g_nobody', 'g_ana'] }] }));
    expect(owed.unreachable).toEqual([
      { kpiId: 'k4', gtmhubUserId: 'g_gone', reason: 'deactivated' },
      { kpiId: 'k5', gtmhubUserId: 'g_nobody', reason: 'no_slack_person' },
    ]);
    expect(Object.fromEntries(owed.byPerson)).toEqual({ U_ANA: ['k5'] });
  });

  it('does not list an unreachable owner of a KPI that has its value', () => {
    expect(owedFor(input({ hasValue: (id) => id === 'k4' })).unreachable).toEqual([]);
  });
});

describe('progressOf', () => {
  it('splits a DM’s KPIs into done and missing', () => {
    expect(progressOf(['k1', 'k2', 'k3'], (id) => id === 'k2')).toEqual({ done: ['k2'], missing: ['k1', 'k3'] });
    expect(progressOf(['k1'], () => true).missing).toEqual([]);
  });
});

describe('claim keys', () => {
  it('name the source, the person and the period; a snooze adds its time', () => {
    expect(checkinClaimKey('r1', 'U_ANA', '2026-W49')).toBe('r1/U_ANA/2026-W49');
    expect(checkinClaimKey('personal', 'U_ANA', '2026-W49')).not.toBe(checkinClaimKey('r1', 'U_ANA', '2026-W49'));
    expect(snoozeClaimKey('r1', 'U_ANA', '2026-W49', new Date('2026-12-07T10:00:00Z'))).toBe('r1/U_ANA/2026-W49/snooze/2026-12-07T10:00:00.000Z');
  });
});
