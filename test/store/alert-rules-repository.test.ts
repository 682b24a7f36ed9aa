/**
 * Alert rules, one specification run on every available dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRowUnreadableError, AlertRulesRepository, type NewAlertRule } from '../../src/store/alert-rules-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const AT = new Date(Date.UTC(2026, 11, 3, 9, 0, 0));
const LATER = new Date(Date.UTC(2026, 11, 3, 9, 5, 0));

function rule(overrides: Partial<NewAlertRule> = {}): NewAlertRule {
  return {
    teamId: 'T1',
    channelId: 'C1',
    personal: false,
    ownerUserId: 'U1',
    target: { kind: 'kpi', kpiId: 'k1' },
    zone: 'Europe/Berlin',
    condition: { kind: 'above', threshold: 1200 },
    ...overrides,
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`AlertRulesRepository ${target.name}`, () => {
    let store: TestStore;
    let rules: AlertRulesRepository;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      rules = new AlertRulesRepository(store.db, { now: () => AT });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores a rule and reads it back with every condition kind', async () => {
      for (const condition of [
        { kind: 'below', threshold: -0.5 },
        { kind: 'changed', by: 10, unit: 'percent', direction: 'bad' },
        { kind: 'wrong_way', periods: 3 },
      ] as const) {
        const created = await rules.create({ ...rule({ channelId: 'C-kinds', condition }), nextPollAt: AT });
        expect(await rules.get(created.id)).toEqual(created);
        expect(created).toMatchObject({ condition, status: 'active', state: {}, stateVersion: 0, mutedUntil: null, nextPollAt: AT });
      }
      expect((await rules.listByChannel('T1', 'C-kinds')).length).toBe(3);
      expect(await rules.listByChannel('T2', 'C-kinds')).toEqual([]);
    });

    it('lists due active rules only, and advances the poll by compare-and-set', async () => {
      const due = await rules.create({ ...rule({ channelId: 'C-due' }), nextPollAt: AT });
      const paused = await rules.create({ ...rule({ channelId: 'C-due' }), nextPollAt: AT });
      await rules.pause(paused.id, 'The channel was archived.');
      const ids = (await rules.listDue(AT)).map((r) => r.id);
      expect(ids).toContain(due.id);
      expect(ids).not.toContain(paused.id);
      expect(await rules.advance(due.id, AT, LATER, { kind: 'done' })).toBe(true);
      expect(await rules.advance(due.id, AT, LATER, { kind: 'done' })).toBe(false);
      expect((await rules.listDue(AT)).map((r) => r.id)).not.toContain(due.id);
      expect((await rules.get(paused.id))?.pausedReason).toBe('The channel was archived.');
      expect(await rules.resume(paused.id, LATER)).toBe(true);
      expect(await rules.get(paused.id)).toMatchObject({ status: 'active', pausedReason: null, nextPollAt: LATER });
    });

    it('finds the active rules watching a KPI directly or through its groups', async () => {
      const direct = await rules.create({ ...rule({ teamId: 'T-watch', target: { kind: 'kpi', kpiId: 'kw' } }), nextPollAt: AT });
      const group = await rules.create({ ...rule({ teamId: 'T-watch', target: { kind: 'group', groupId: 'g1' } }), nextPollAt: AT });
      await rules.create({ ...rule({ teamId: 'T-watch', target: { kind: 'kpi', kpiId: 'other' } }), nextPollAt: AT });
      expect((await rules.listActiveWatching('T-watch', 'kw', ['g1'])).map((r) => r.id).sort()).toEqual([direct.id, group.id].sort());
      expect((await rules.listActiveWatching('T-watch', 'kw', [])).map((r) => r.id)).toEqual([direct.id]);
    });

    it('saves edge state only over the version it was read at', async () => {
      const created = await rules.create({ ...rule({ channelId: 'C-state' }), nextPollAt: AT });
      const state = { k1: { period: '2026-W49', holds: true, firedInPeriod: true, crossings: 1 } };
      expect(await rules.saveState(created.id, 0, state)).toBe(true);
      expect(await rules.saveState(created.id, 0, {})).toBe(false);
      expect(await rules.get(created.id)).toMatchObject({ state, stateVersion: 1 });
    });

    it('mutes until an instant, and removes a rule', async () => {
      const created = await rules.create({ ...rule({ channelId: 'C-mute' }), nextPollAt: AT });
      await rules.mute(created.id, LATER);
      expect((await rules.get(created.id))?.mutedUntil).toEqual(LATER);
      expect(await rules.remove(created.id)).toBe(true);
      expect(await rules.remove(created.id)).toBe(false);
      expect(await rules.get(created.id)).toBeUndefined();
    });

    it('queues firings with the state in one write: none when the compare-and-set loses, each firing once, gone once settled', async () => {
      const created = await rules.create({ ...rule({ channelId: 'C-outbox', target: { kind: 'kpi', kpiId: 'k-out' } }), nextPollAt: AT });
      const firing = { ruleId: created.id, kpiId: 'k-out', period: '2026-W49', crossing: 1, value: 1500, previous: 900, recordedAt: '2026-12-03T08:00:00.000Z' };
      const state = { 'k-out': { period: '2026-W49', holds: true, firedInPeriod: true, crossings: 1 } };
      const mine = async () => (await rules.listPendingFirings(LATER)).filter((f) => f.ruleId === created.id);
      expect(await rules.saveState(created.id, 5, state, [firing])).toBe(false);
      expect(await mine()).toEqual([]);
      expect(await rules.saveState(created.id, 0, state, [firing])).toBe(true);
      // The same firing again (a replay) is not queued twice.
      expect(await rules.saveState(created.id, 1, state, [firing])).toBe(true);
      const pending = await mine();
      expect(pending).toEqual([{ ...firing, id: `${created.id}/k-out/2026-W49/1`, detectedAt: AT, rule: expect.objectContaining({ id: created.id }) }]);
      expect(await rules.getFiring(pending[0]!.id)).toEqual(pending[0]);
      expect(await rules.settleFiring(pending[0]!.id)).toBe(true);
      expect(await rules.settleFiring(pending[0]!.id)).toBe(false);
      expect(await mine()).toEqual([]);
      expect(await rules.remove(created.id)).toBe(true);
      expect(await rules.getFiring(pending[0]!.id)).toBeUndefined();
    });

    it('refuses a row whose condition it cannot read, naming the rule', async () => {
      const created = await rules.create({ ...rule({ channelId: 'C-bad' }), nextPollAt: AT });
      await store.db.withTables<{ alert_rules: { id: string; condition: string } }>().updateTable('alert_rules').set({ condition: '{"kind":"sideways"}' }).where('id', '=', created.id).execute();
      await expect(rules.get(created.id)).rejects.toBeInstanceOf(AlertRowUnreadableError);
    });
  });
}
