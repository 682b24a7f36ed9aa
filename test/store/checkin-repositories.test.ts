/**
 * Check-in reminders, schedules and per-person state, one specification run on every available dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCheckinReminder } from '../../src/store/checkin-reminders-repository.js';
import { CheckinRemindersRepository } from '../../src/store/checkin-reminders-repository.js';
import { CheckinPeopleRepository } from '../../src/store/checkin-people-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const AT = new Date(Date.UTC(2026, 11, 3, 9, 0, 0));
const SLOT = new Date('2026-12-07T03:30:00.000Z');
const NEXT = new Date('2026-12-14T03:30:00.000Z');

function reminder(overrides: Partial<NewCheckinReminder> = {}): NewCheckinReminder {
  return { teamId: 'T1', channelId: 'C1', createdBy: 'U_BOSS', personalFor: null, selection: { kind: 'kpis', kpiIds: ['k1', 'k2'] }, period: 'this_week', weekday: 1, time: '09:00', zone: null, ...overrides };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`check-in repositories ${target.name}`, () => {
    let store: TestStore;
    let reminders: CheckinRemindersRepository;
    let people: CheckinPeopleRepository;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      reminders = new CheckinRemindersRepository(store.db, { now: () => AT });
      people = new CheckinPeopleRepository(store.db, { now: () => AT });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores a reminder and lists the channel’s reminders, not people’s own check-ins', async () => {
      const created = await reminders.create(reminder());
      await reminders.create(reminder({ personalFor: 'U_ANA', selection: { kind: 'channel_digests' } }));
      expect(await reminders.get(created.id)).toEqual({ ...reminder(), id: created.id, status: 'active', createdAt: AT });
      expect((await reminders.listByChannel('T1', 'C1')).map((r) => r.id)).toEqual([created.id]);
    });

    it('lists each (reminder, person) due at their own slot, and advances one slot once', async () => {
      const r = await reminders.create(reminder({ channelId: 'C2' }));
      await reminders.schedule({ reminderId: r.id, slackUserId: 'U_ANA', zone: 'Asia/Kolkata', nextRunAt: SLOT });
      await reminders.schedule({ reminderId: r.id, slackUserId: 'U_RAJ', zone: 'America/New_York', nextRunAt: new Date('2026-12-07T14:00:00.000Z') });
      const due = await reminders.listDue(new Date('2026-12-07T04:00:00Z'));
      expect(due.map((d) => [d.reminder.id, d.schedule.slackUserId, d.schedule.zone])).toEqual([[r.id, 'U_ANA', 'Asia/Kolkata']]);
      expect(await reminders.advance(r.id, 'U_ANA', SLOT, NEXT, { kind: 'done' })).toBe(true);
      expect(await reminders.advance(r.id, 'U_ANA', SLOT, NEXT, { kind: 'done' })).toBe(false);
      expect(await reminders.listDue(new Date('2026-12-07T04:00:00Z'))).toEqual([]);
    });

    it('does not list the people of a paused reminder, and removes a reminder with its schedules and DMs', async () => {
      const r = await reminders.create(reminder({ channelId: 'C3' }));
      await reminders.schedule({ reminderId: r.id, slackUserId: 'U_ANA', zone: 'UTC', nextRunAt: SLOT });
      await people.recordDm({ reminderId: r.id, slackUserId: 'U_ANA', period: '2026-W50', teamId: 'T1', channelId: 'D1', messageTs: '1.1', kpiIds: ['k1'] });
      await reminders.setStatus(r.id, 'paused');
      expect((await reminders.listDue(SLOT)).filter((d) => d.reminder.id === r.id)).toEqual([]);
      expect(await reminders.remove(r.id)).toBe(true);
      expect(await reminders.schedulesOf(r.id)).toEqual([]);
      expect(await people.dmOf(r.id, 'U_ANA', '2026-W50')).toBeUndefined();
    });

    it('remembers a DM, finds it by the KPI it lists, and snoozes it once', async () => {
      const r = await reminders.create(reminder({ channelId: 'C4' }));
      await people.recordDm({ reminderId: r.id, slackUserId: 'U_ANA', period: '2026-W50', teamId: 'T1', channelId: 'D1', messageTs: '1.1', kpiIds: ['k1', 'k2'] });
      expect((await people.dmsListing('T1', 'U_ANA', 'k2')).map((d) => d.messageTs)).toEqual(['1.1']);
      expect(await people.dmsListing('T1', 'U_ANA', 'k9')).toEqual([]);
      const until = new Date('2026-12-07T05:00:00Z');
      expect(await people.snooze(r.id, 'U_ANA', '2026-W50', until)).toBe(true);
      expect((await people.listSnoozedDue(until)).map((d) => d.snoozeUntil)).toEqual([until]);
      await people.recordDm({ reminderId: r.id, slackUserId: 'U_ANA', period: '2026-W50', teamId: 'T1', channelId: 'D1', messageTs: '2.2', kpiIds: ['k2'] });
      expect(await people.dmOf(r.id, 'U_ANA', '2026-W50')).toMatchObject({ messageTs: '2.2', kpiIds: ['k2'], snoozeUntil: null });
    });

    it('remembers the other reminders a merged DM stands for, and none for a DM of one reminder', async () => {
      const r = await reminders.create(reminder({ channelId: 'C5' }));
      const other = await reminders.create(reminder({ channelId: 'C6' }));
      await people.recordDm({ reminderId: r.id, slackUserId: 'U_BEA', period: '2026-W50', teamId: 'T1', channelId: 'D2', messageTs: '3.3', kpiIds: ['k1'], mergedFrom: [other.id] });
      expect((await people.dmOf(r.id, 'U_BEA', '2026-W50'))?.mergedFrom).toEqual([other.id]);
      await people.recordDm({ reminderId: r.id, slackUserId: 'U_BEA', period: '2026-W51', teamId: 'T1', channelId: 'D2', messageTs: '4.4', kpiIds: ['k1'] });
      expect((await people.dmOf(r.id, 'U_BEA', '2026-W51'))?.mergedFrom).toBeUndefined();
    });

    it('keeps Not this week per person, KPI and period, and opt-outs per person', async () => {
      await people.skip('T1', 'U_ANA', 'k1', '2026-W50');
      await people.skip('T1', 'U_ANA', 'k1', '2026-W50');
      expect([...(await people.skippedBy('T1', 'U_ANA', '2026-W50'))]).toEqual(['k1']);
      expect([...(await people.skippedKpis('T1', '2026-W51'))]).toEqual([]);
      await people.setOptedOut('T1', 'U_ANA', true);
      await people.setOptedOut('T1', 'U_ANA', true);
      expect([...(await people.optedOut('T1'))]).toEqual(['U_ANA']);
      await people.setOptedOut('T1', 'U_ANA', false);
      expect([...(await people.optedOut('T1'))]).toEqual([]);
    });
  });
}
