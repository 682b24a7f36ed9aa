/**
 * The poll over the real rules store (SQLite, and PostgreSQL when configured) with an in-memory
 * snapshot source: batched reads, edge-triggering across polls, compare-and-set between two
 * pollers, the next poll, and a deleted KPI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollAlerts, type WatchedKpis } from '../../src/alerts/poll.js';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import { AlertRulesRepository } from '../../src/store/alert-rules-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const AT = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));
const FIVE_MIN = 5 * 60_000;
const later = (n: number) => new Date(AT.getTime() + n * FIVE_MIN);

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`pollAlerts ${target.name}`, () => {
    let store: TestStore;
    let rules: AlertRulesRepository;
    let snapshots: KpiSnapshot[];
    let queries: SnapshotQuery[];
    let deleted: Set<string>;
    const source = { getKpiSnapshots: async (q: SnapshotQuery) => (queries.push(q), snapshots.filter((s) => q.ids.includes(s.kpiId))) };
    const kpis: WatchedKpis = {
      kpisOf: async (_team, t) => (t.kind === 'kpi' && deleted.has(t.kpiId) ? 'deleted' : [{ kpiId: t.kind === 'kpi' ? t.kpiId : 'g-kpi', targetOperator: 'should_increase' }]),
    };
    const options = () => ({ rules, kpis, source, intervalMs: FIVE_MIN });

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      rules = new AlertRulesRepository(store.db, { now: () => AT });
    });
    afterAll(async () => {
      await store?.close();
    });

    function create(teamId: string, kpiId: string, threshold: number) {
      return rules.create({
        teamId,
        channelId: 'C1',
        personal: false,
        ownerUserId: 'U1',
        target: { kind: 'kpi', kpiId },
        zone: 'Europe/Berlin',
        condition: { kind: 'above', threshold },
        nextPollAt: AT,
      });
    }

    it('fires once when a value crosses, not while it flaps within the week, and polls again after the interval', async () => {
      snapshots = [];
      queries = [];
      deleted = new Set();
      const r = await create('T-flap', 'kf', 100);
      for (const id of (await rules.listDue(AT)).map((x) => x.id)) if (id !== r.id) await rules.pause(id);
      const values = [50, 150, 80, 160, 170];
      const fired: number[] = [];
      for (const [i, value] of values.entries()) {
        snapshots = [{ kpiId: 'kf', group: '2026-W49', value, dateCreated: later(i).toISOString() }];
        fired.push((await pollAlerts(options(), later(i))).firings.length);
        expect((await rules.get(r.id))?.nextPollAt).toEqual(later(i + 1));
      }
      expect(fired).toEqual([0, 1, 0, 0, 0]);
      expect(queries.length).toBe(values.length);
      await rules.pause(r.id);
    });

    it('two pollers with the same due list: only one keeps the firing', async () => {
      snapshots = [{ kpiId: 'k2', group: '2026-W49', value: 500 }];
      deleted = new Set();
      const r = await create('T-two', 'k2', 100);
      const due = (await rules.listDue(AT)).filter((x) => x.id === r.id);
      const oneShot = { listDue: async () => due, saveState: rules.saveState.bind(rules), advance: rules.advance.bind(rules), pause: rules.pause.bind(rules) };
      const [a, b] = await Promise.all([pollAlerts({ ...options(), rules: oneShot }, AT), pollAlerts({ ...options(), rules: oneShot }, AT)]);
      expect(a.firings.length + b.firings.length).toBe(1);
      await rules.pause(r.id);
    });

    it('a muted rule steps its state but posts nothing, so unmuting in the same week does not post it late', async () => {
      snapshots = [{ kpiId: 'km', group: '2026-W49', value: 500 }];
      deleted = new Set();
      const r = await create('T-mute', 'km', 100);
      await rules.mute(r.id, later(100));
      expect((await pollAlerts(options(), AT)).firings.filter((f) => f.ruleId === r.id)).toEqual([]);
      expect((await rules.get(r.id))?.state.km).toMatchObject({ period: '2026-W49', holds: true, firedInPeriod: true });
      await rules.mute(r.id, null);
      expect((await pollAlerts(options(), later(1))).firings.filter((f) => f.ruleId === r.id)).toEqual([]);
      await rules.pause(r.id);
    });

    it('pauses a rule whose KPI was deleted in Gtmhub, with a note naming it', async () => {
      snapshots = [];
      deleted = new Set(['gone']);
      const r = await create('T-gone', 'gone', 1);
      const result = await pollAlerts(options(), AT);
      expect(result.pausedRuleIds).toContain(r.id);
      expect(await rules.get(r.id)).toMatchObject({ status: 'paused', pausedReason: 'The KPI gone was deleted in Gtmhub: edit the alert to watch another KPI, or remove it.' });
    });
  });
}
