/**
 * Weekly check-ins end to end, against both simulators: a channel's reminder reaches each owner at
 * their own Monday 09:00 as one DM listing exactly the KPIs they own that have no value for the
 * week of their zone; nothing goes to someone with nothing to log; each DM goes out once, however
 * often the scheduled work runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextSlotForPerson, periodForSlot } from '../../src/checkins/due.js';
import type { CheckinReminder } from '../../src/checkins/types.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { defaultUsers, demoSlackMembers } from '../../src/sandbox/slack/index.js';
import { ActionIds, logButtonValue } from '../../src/slack/ids.js';
import { CheckinRemindersRepository } from '../../src/store/checkin-reminders-repository.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { gtmhubUserId, peopleLoaded, TEAM } from './people-helpers.js';
import { nextReply } from './personal-helpers.js';

const PRIYA = { slack: 'U0PRIYAN', email: 'priya.natarajan@example.com', zone: 'Asia/Kolkata' };
const JANE = { slack: 'U0JANE', email: 'jane.doe@example.com', zone: 'America/New_York' };


/** Demo KPIs owned only by `ownerId`, with no values at all (so that the test decides which have one). */
function kpisOwnedOnlyBy(h: Harness, ownerId: string, count: number): Kpi[] {
  const kpis = [...h.gtmhub.state.kpis.values()].filter((k) => k.ownerIds.length === 1 && k.ownerIds[0] === ownerId).slice(0, count);
  if (kpis.length < count) throw new Error(`the demo data has fewer than ${count} KPIs owned only by ${ownerId}`);
  for (const kpi of kpis) h.gtmhub.state.snapshots.delete(kpi.id);
  return kpis;
}


/** The Log value buttons of a DM, as (kpi, period) values. */
function logButtonsOf(message: { blocks?: unknown[] }): string[] {
  return (message.blocks ?? []).flatMap((b) => {
    const accessory = (b as { accessory?: { action_id?: string; value?: string } }).accessory;
    return accessory?.action_id === ActionIds.logValue && accessory.value !== undefined ? [accessory.value] : [];
  });
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`check-ins ${target.name}`, () => {
    let h: Harness;
    let reminders: CheckinRemindersRepository;

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, slack: { users: [...defaultUsers(), ...demoSlackMembers()] }, scheduling: { scheduler: false } });
      reminders = new CheckinRemindersRepository(h.kpibot.store.db);
      await peopleLoaded(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('sends each owner, at their own 09:00, one DM with exactly their missing KPIs, and sends it once', async () => {
      const [p1, p2] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 2) as [Kpi, Kpi];
      const [j1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, JANE.email), 1) as [Kpi];
      const reminder: CheckinReminder = await reminders.create({
        teamId: TEAM,
        channelId: 'C0GENERAL',
        createdBy: 'U0SANDBOX',
        personalFor: null,
        selection: { kind: 'kpis', kpiIds: [p1.id, p2.id, j1.id] },
        period: 'this_week',
        weekday: 1,
        time: '09:00',
        zone: null,
      });
      const start = new Date(h.clock.now());
      const slots = new Map<string, { at: Date; period: string }>();
      for (const person of [PRIYA, JANE]) {
        const at = nextSlotForPerson(reminder, person.zone, start);
        slots.set(person.slack, { at, period: periodForSlot(at, person.zone, 'this_week') });
        await reminders.schedule({ reminderId: reminder.id, slackUserId: person.slack, zone: person.zone, nextRunAt: at });
      }
      const priya = slots.get(PRIYA.slack)!;
      const jane = slots.get(JANE.slack)!;
      // Their own 09:00: 03:30 UTC in Kolkata, 14:00 UTC in New York.
      expect([priya.at.toISOString(), jane.at.toISOString()]).toEqual(['2026-11-30T03:30:00.000Z', '2026-11-30T14:00:00.000Z']);
      // Priya logged one of hers already this week (her week: the one of Kolkata).
      h.gtmhub.state.addSnapshot({ kpiId: p1.id, group: priya.period, timeZone: 'UTC+5:30', value: 12 });
      // Jane logs hers before her slot: nothing to log, nothing sent.
      h.gtmhub.state.addSnapshot({ kpiId: j1.id, group: jane.period, timeZone: 'UTC-5', value: 3 });

      const work = h.kpibot.scheduler.engine;
      await work.engine.runDue(new Date(priya.at.getTime() + 60_000));
      const priyaDms = h.slack.messages(PRIYA.slack);
      expect(priyaDms).toHaveLength(1);
      expect(logButtonsOf(priyaDms[0]!)).toEqual([logButtonValue(p2.id, priya.period)]);
      expect(JSON.stringify(priyaDms[0]!.blocks)).toContain('<#C0GENERAL>');
      expect(h.slack.messages(JANE.slack)).toHaveLength(0);

      // Runs again (a restart, the operator command): nothing twice; Jane's slot comes and sends nothing.
      await work.engine.runDue(new Date(priya.at.getTime() + 120_000));
      await work.engine.runDue(new Date(jane.at.getTime() + 60_000));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(1);
      expect(h.slack.messages(JANE.slack)).toHaveLength(0);
      expect((await reminders.schedulesOf(reminder.id)).map((s) => [s.slackUserId, s.nextRunAt.toISOString()])).toEqual([
        [JANE.slack, '2026-12-07T14:00:00.000Z'],
        [PRIYA.slack, '2026-12-07T03:30:00.000Z'],
      ]);

      // /kpi remind off is respected the next week; /kpi remind on brings the DMs back.
      const off = await nextReply(h, () => h.driver.command('remind off', { userId: PRIYA.slack }));
      expect(off.text).toContain('you will get no check-in reminder DMs until you write /kpi remind on');
      await work.engine.runDue(new Date('2026-12-07T03:31:00.000Z'));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(1);
      await nextReply(h, () => h.driver.command('remind on', { userId: PRIYA.slack }));
      await work.engine.runDue(new Date('2026-12-14T03:31:00.000Z'));
      const again = h.slack.messages(PRIYA.slack);
      expect(again).toHaveLength(2);
      // A new week: both of her KPIs are missing again.
      expect(logButtonsOf(again[1]!)).toEqual([logButtonValue(p1.id, '2026-W51'), logButtonValue(p2.id, '2026-W51')]);
    });

    it('tells a person how to use /kpi remind when the words are not off or on', async () => {
      const reply = await nextReply(h, () => h.driver.command('remind sometimes', { userId: PRIYA.slack }));
      expect(reply.text).toContain('Write /kpi remind off to stop check-in reminder DMs, or /kpi remind on to get them again.');
    });
  });
}
