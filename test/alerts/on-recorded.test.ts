/**
 * The Slack trigger over the real rules store: a recorded value that crosses fires at once for the
 * rules watching its KPI (directly or by group), and the poll after it does not fire again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firing } from '../../src/alerts/detect.js';
import { alertOnRecorded } from '../../src/alerts/on-recorded.js';
import { pollAlerts } from '../../src/alerts/poll.js';
import type { AlertTarget } from '../../src/alerts/types.js';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import { AlertRulesRepository } from '../../src/store/alert-rules-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const AT = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`alertOnRecorded ${target.name}`, () => {
    let store: TestStore;
    let rules: AlertRulesRepository;
    const snapshots: KpiSnapshot[] = [];
    const source = { getKpiSnapshots: async (q: SnapshotQuery) => snapshots.filter((s) => q.ids.includes(s.kpiId)) };
    const kpis = {
      // A KPI stands for itself; the group g1 holds k1.
      kpisOf: async (_team: string, t: AlertTarget) => [{ kpiId: t.kind === 'kpi' ? t.kpiId : 'k1', targetOperator: 'should_increase' }],
      groupsOf: async () => ['g1'],
    };

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      rules = new AlertRulesRepository(store.db, { now: () => AT });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('fires at once for the rules watching the KPI or its group, once, and the next poll stays quiet', async () => {
      const base = { teamId: 'T1', personal: false, ownerUserId: 'U1', zone: 'Europe/Berlin', condition: { kind: 'above', threshold: 100 } as const, nextPollAt: AT };
      const direct = await rules.create({ ...base, channelId: 'C1', target: { kind: 'kpi', kpiId: 'k1' } });
      const byGroup = await rules.create({ ...base, channelId: 'C2', target: { kind: 'group', groupId: 'g1' } });
      await rules.create({ ...base, channelId: 'C3', target: { kind: 'kpi', kpiId: 'other' } });
      const delivered: Firing[] = [];
      const listener = alertOnRecorded({ rules, kpis, source, deliver: async (f) => void delivered.push(...f) });

      snapshots.push({ kpiId: 'k1', group: '2026-W49', value: 150 });
      const event = { teamId: 'T1', userId: 'U9', kpiId: 'k1', period: '2026-W49', zone: 'Europe/Berlin', value: 150, after: 150, at: AT.getTime() };
      await listener(event);
      expect(delivered.map((f) => f.ruleId).sort()).toEqual([direct.id, byGroup.id].sort());
      expect(delivered.every((f) => f.period === '2026-W49' && f.crossing === 1 && f.value === 150)).toBe(true);

      await listener(event);
      expect(delivered.length).toBe(2);
      const poll = await pollAlerts({ rules, kpis, source }, AT);
      expect(poll.firings.filter((f) => f.kpiId === 'k1')).toEqual([]);
    });
  });
}
