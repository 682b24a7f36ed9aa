/**
 * Weekly check-ins end to end, against both simulators: a channel's reminder reaches each owner at
 * their own Monday 09:00 as one DM listing exactly the KPIs they own that have no value for the
 * week of their zone; nothing goes to someone with nothing to log; each DM goes out once, however
 * often the scheduled work runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodForSlot } from '../../src/checkins/due.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { defaultUsers, demoSlackMembers } from '../../src/sandbox/slack/index.js';
import { ActionIds, logButtonValue, ReminderIds, ReminderInputIds } from '../../src/slack/ids.js';
import { CheckinRemindersRepository } from '../../src/store/checkin-reminders-repository.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { gtmhubUserId, peopleLoaded, TEAM } from './people-helpers.js';
import { nextReply } from './personal-helpers.js';
import { openReminderForm, reminderFormState, submitReminderForm } from './reminder-helpers.js';

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
      // Jane works from New York (the demo members default to Paris).
      const members = demoSlackMembers().map((m) => (m.id === JANE.slack ? { ...m, tz: JANE.zone, tz_label: 'Eastern Standard Time', tz_offset: -18000 } : m));
      h = await startHarness({ dialect: target.dialect, slack: { users: [...defaultUsers(), ...members] }, scheduling: { scheduler: false } });
      reminders = new CheckinRemindersRepository(h.kpibot.store.db);
      await peopleLoaded(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('sends each owner, at their own 09:00, one DM with exactly their missing KPIs, and sends it once', async () => {
      const [p1, p2] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 2) as [Kpi, Kpi];
      const [j1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, JANE.email), 1) as [Kpi];
      // Set up as people do: /kpi remind in #general, the form, each owner in their own zone.
      const answer = await submitReminderForm(h.slack, h.driver, 'C0GENERAL', 'U0SANDBOX', { include: 'kpis', kpiIds: [p1.id, p2.id, j1.id] });
      expect(JSON.stringify(answer.json)).toContain('Set up: the owners of 3 KPIs get a check-in DM every Monday at 09:00 in each owner’s own time zone, for this week. 2 people are reminded.');
      const [reminder] = await reminders.listByChannel(TEAM, 'C0GENERAL');
      const slots = new Map((await reminders.schedulesOf(reminder!.id)).map((s) => [s.slackUserId, { at: s.nextRunAt, period: periodForSlot(s.nextRunAt, s.zone, 'this_week') }] as const));
      expect([...slots.keys()]).toEqual([JANE.slack, PRIYA.slack]);
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
      expect((await reminders.schedulesOf(reminder!.id)).map((s) => [s.slackUserId, s.nextRunAt.toISOString()])).toEqual([
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

    it('lists the channel’s reminders with who turned them off, and Send now, Pause, Resume and Remove work from the list', async () => {
      const [p1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 1) as [Kpi];
      const [j1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, JANE.email), 1) as [Kpi];
      await submitReminderForm(h.slack, h.driver, 'C0KPIS', 'U0SANDBOX', { include: 'kpis', kpiIds: [p1.id, j1.id], weekday: '5', time: '16:30' });
      const [reminder] = await reminders.listByChannel(TEAM, 'C0KPIS');
      await nextReply(h, () => h.driver.command('remind off', { userId: JANE.slack }));

      const list = await nextReply(h, () => h.driver.command('remind list', { userId: 'U0SANDBOX', channelId: 'C0KPIS' }));
      expect(list.text).toContain('every Friday at 16:30 in each owner’s own time zone, for this week');
      expect(list.text).toContain('reaches 2 people');
      expect(list.text).toContain(`<@${JANE.slack}> turned reminders off`);
      for (const id of [ReminderIds.editButton, ReminderIds.pauseButton, ReminderIds.sendNowButton, ReminderIds.removeButton]) expect(list.text).toContain(`"action_id":"${id}"`);

      const click = (actionId: string) => nextReply(h, () => h.driver.action({ actions: [{ action_id: actionId, value: reminder!.id }], channel: { id: 'C0KPIS' }, user: 'U0SANDBOX' }));
      const before = h.slack.messages(PRIYA.slack).length;
      expect((await click(ReminderIds.sendNowButton)).text).toContain('Sent now: one check-in DM sent, 1 with nothing to log.');
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(before + 1);
      // Clicked again: the same week goes out once.
      expect((await click(ReminderIds.sendNowButton)).text).toContain('Sent now: 0 check-in DMs sent, 2 already had this week’s check-in.');
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(before + 1);

      expect((await click(ReminderIds.pauseButton)).text).toContain(':double_vertical_bar: Paused');
      expect((await reminders.get(reminder!.id))?.status).toBe('paused');
      expect((await click(ReminderIds.pauseButton)).text).toContain('Resumed: the owners get check-in DMs again from the next slot.');
      // Someone outside the channel cannot change it, even with the list forwarded.
      const outsider = await nextReply(h, () => h.driver.action({ actions: [{ action_id: ReminderIds.removeButton, value: reminder!.id }], channel: { id: 'C0KPIS' }, user: 'U0KOLKATA' }));
      expect(outsider.text).toContain('Only members of #kpis can set up or change its check-in reminders');
      expect((await click(ReminderIds.removeButton)).text).toContain('No check-in reminder is set up in <#C0KPIS>');
      expect(await reminders.get(reminder!.id)).toBeUndefined();
      await nextReply(h, () => h.driver.command('remind on', { userId: JANE.slack }));
    });

    it('sends one DM when a person’s own check-in and a channel’s reminder are due at once, each reminder decided once', async () => {
      const [p1, p2] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 2) as [Kpi, Kpi];
      const own = await nextReply(h, () => h.driver.command('remind me monday 9:00', { userId: PRIYA.slack, channelId: 'C0GENERAL' }));
      expect(own.text).toContain('Done: every Monday at 09:00 (Asia/Kolkata) you get one check-in DM, merged with any channel reminder due at the same time.');
      await submitReminderForm(h.slack, h.driver, 'C0RANDOM', 'U0SANDBOX', { include: 'kpis', kpiIds: [p1.id, p2.id] });
      const [channel] = await reminders.listByChannel(TEAM, 'C0RANDOM');
      const [slot] = (await reminders.schedulesOf(channel!.id)).map((s) => s.nextRunAt);
      expect(slot?.toISOString()).toBe('2026-11-30T03:30:00.000Z');

      const before = h.slack.messages(PRIYA.slack).length;
      const summary = (await h.kpibot.scheduler.engine.engine.runDue(new Date(slot!.getTime() + 60_000))).get('checkin')!;
      const dms = h.slack.messages(PRIYA.slack).slice(before);
      expect(dms).toHaveLength(1);
      expect([summary.sent, summary.skipped]).toEqual([1, 1]);
      const text = JSON.stringify(dms[0]!.blocks);
      // The one DM names both reminders: who set each up, and where.
      expect(text).toContain('This is your own check-in (/kpi remind me). It also stands for the reminder <@U0SANDBOX> set up in <#C0RANDOM>.');
      // The channel's KPIs are in the one DM, once each.
      const buttons = logButtonsOf(dms[0]!);
      expect(buttons.filter((b) => b === logButtonValue(p2.id, '2026-W49'))).toHaveLength(1);
      // (That it still does after updating itself: test/e2e/checkin-dm.test.ts.)
      // Running again sends nothing more.
      await h.kpibot.scheduler.engine.engine.runDue(new Date(slot!.getTime() + 120_000));
      expect(h.slack.messages(PRIYA.slack).slice(before)).toHaveLength(1);
    });

    it('tells the creator once, in one DM, which owners nobody can reach, with their KPIs; the others get theirs', async () => {
      const ownedBy = (email: string) => [...h.gtmhub.state.kpis.values()].find((k) => k.ownerIds.includes(gtmhubUserId(h, email)))!;
      const tom = ownedBy('tom.obrien@example.com'); // no Slack member
      const lars = ownedBy('lars.oberg@example.com'); // deactivated in Slack
      const [p1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 1) as [Kpi];
      const saved = await submitReminderForm(h.slack, h.driver, 'C0GENERAL', 'U0ADMIN', { include: 'kpis', kpiIds: [tom.id, lars.id, p1.id], weekday: '3', time: '11:00', zoneMode: 'fixed', zone: 'Asia/Kolkata' });
      expect(JSON.stringify(saved.json)).toMatch(/cannot be reached: .*Lars Øberg \(deactivated in Slack\)/);
      expect(JSON.stringify(saved.json)).toContain("Tom O'Brien (no Slack person)");
      const reminder = (await reminders.listByChannel(TEAM, 'C0GENERAL')).find((r) => r.createdBy === 'U0ADMIN')!;
      const [slot] = (await reminders.schedulesOf(reminder.id)).map((s) => s.nextRunAt);

      const notices = () => h.slack.messages('U0ADMIN').filter((m) => m.metadata?.event_type === 'kpibot_checkin_unreachable');
      const before = h.slack.messages(PRIYA.slack).length;
      await h.kpibot.scheduler.engine.engine.runDue(new Date(slot!.getTime() + 60_000));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(before + 1);
      expect(notices()).toHaveLength(1);
      const notice = JSON.stringify(notices()[0]!.blocks);
      expect(notice).toMatch(new RegExp(`\\*Tom O'Brien\\* \\([^)]*${tom.name}[^)]*\\): no Slack person is linked to them`));
      expect(notice).toMatch(new RegExp(`\\*Lars Øberg\\* \\([^)]*${lars.name}[^)]*\\): their Slack account is deactivated`));
      // Another run in the same week: the creator is not told again.
      await h.kpibot.scheduler.engine.engine.runDue(new Date(slot!.getTime() + 120_000));
      expect(notices()).toHaveLength(1);
      // Send now (now is the week before the slot): once for that week too, however often it is clicked.
      await h.kpibot.deps.checkins!.sendNow(reminder.id);
      await h.kpibot.deps.checkins!.sendNow(reminder.id);
      expect(notices().map((m) => (m.metadata!.event_payload as { period: string }).period)).toEqual(['2026-W49', '2026-W48']);
    });

    it('tells the creator when Slack will not let kpibot DM an owner (cannot_dm_bot), and goes on with the others', async () => {
      const [p1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 1) as [Kpi];
      const [j1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, JANE.email), 1) as [Kpi];
      await submitReminderForm(h.slack, h.driver, 'C0GENERAL', 'U0OWNER', { include: 'kpis', kpiIds: [p1.id, j1.id], weekday: '4', time: '08:00' });
      const reminder = (await reminders.listByChannel(TEAM, 'C0GENERAL')).find((r) => r.createdBy === 'U0OWNER')!;
      const slots = new Map((await reminders.schedulesOf(reminder.id)).map((s) => [s.slackUserId, s.nextRunAt] as const));
      const priyaBefore = h.slack.messages(PRIYA.slack).length;
      const janeBefore = h.slack.messages(JANE.slack).length;
      const work = h.kpibot.scheduler.engine.engine;

      h.slack.failNext('chat.postMessage', { error: 'cannot_dm_bot' });
      await work.runDue(new Date(slots.get(PRIYA.slack)!.getTime() + 60_000));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(priyaBefore);
      const told = h.slack.messages('U0OWNER').map((m) => JSON.stringify(m));
      expect(told.some((m) => m.includes(`I could not send <@${PRIYA.slack}> their KPI check-in (cannot_dm_bot)`))).toBe(true);
      // Not retried into a loop: the next run sends nothing to her and tells nobody again.
      await work.runDue(new Date(slots.get(PRIYA.slack)!.getTime() + 10 * 60_000));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(priyaBefore);
      expect(h.slack.messages('U0OWNER')).toHaveLength(told.length);
      // Jane gets hers at her own time, and Priya's schedule has moved on to next week.
      await work.runDue(new Date(slots.get(JANE.slack)!.getTime() + 60_000));
      expect(h.slack.messages(JANE.slack)).toHaveLength(janeBefore + 1);
      const next = (await reminders.schedulesOf(reminder.id)).find((s) => s.slackUserId === PRIYA.slack)!.nextRunAt;
      expect(next.getTime() - slots.get(PRIYA.slack)!.getTime()).toBe(7 * 24 * 3600_000);
    });

    it('Edit opens the form filled in, and saving moves everyone to the new day, time and zone', async () => {
      const [p1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, PRIYA.email), 1) as [Kpi];
      const [j1] = kpisOwnedOnlyBy(h, gtmhubUserId(h, JANE.email), 1) as [Kpi];
      await submitReminderForm(h.slack, h.driver, 'C0KPIS', 'U0ADMIN', { include: 'kpis', kpiIds: [p1.id, j1.id], weekday: '2', time: '07:45' });
      const reminder = (await reminders.listByChannel(TEAM, 'C0KPIS')).find((r) => r.createdBy === 'U0ADMIN')!;

      const opened = h.slack.views.opened.length;
      await h.driver.action({ actions: [{ action_id: ReminderIds.editButton, value: reminder.id }], channel: { id: 'C0KPIS' }, user: 'U0SANDBOX' });
      await h.slack.waitFor(() => h.slack.views.opened.length > opened, 10_000);
      const id = h.slack.views.opened.at(-1)!.id;
      await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === ReminderIds.modal, 10_000);
      const form = h.slack.views.byId(id)!;
      expect(JSON.stringify(form)).toContain('"initial_time":"07:45"');
      expect(JSON.stringify(form)).toContain(`"value":"${p1.id}"`);

      const answer = await h.driver.submitView({
        view: { ...form, state: reminderFormState({ include: 'kpis', kpiIds: [p1.id, j1.id], weekday: '5', time: '10:15', zoneMode: 'fixed', zone: 'Europe/Berlin' }) },
        user: 'U0SANDBOX',
      });
      expect(JSON.stringify(answer.json)).toContain('Saved: the owners of 2 KPIs get a check-in DM every Friday at 10:15 (Europe/Berlin), for this week. 2 people are reminded.');
      expect((await reminders.schedulesOf(reminder.id)).map((s) => [s.slackUserId, s.zone, s.nextRunAt.toISOString()])).toEqual([
        [JANE.slack, 'Europe/Berlin', '2026-11-27T09:15:00.000Z'],
        [PRIYA.slack, 'Europe/Berlin', '2026-11-27T09:15:00.000Z'],
      ]);
      expect((await reminders.listByChannel(TEAM, 'C0KPIS')).filter((r) => r.createdBy === 'U0ADMIN')).toHaveLength(1);
    });

    it('shows each wrong field of the form next to it, in one sentence', async () => {
      const view = await openReminderForm(h.slack, h.driver, 'C0GENERAL', 'U0SANDBOX');
      const answer = await h.driver.submitView({ view: { ...view, state: reminderFormState({ include: 'kpis', zoneMode: 'fixed' }) }, user: 'U0SANDBOX' });
      expect(answer.json).toEqual({
        response_action: 'errors',
        errors: {
          [ReminderInputIds.kpis.block]: 'Choose at least one KPI, or remind about whole groups or the channel’s digests instead.',
          [ReminderInputIds.zone.block]: 'Choose the one time zone from the list, e.g. Europe/Berlin, or remind each owner in their own zone.',
        },
      });
    });

    it('lets only members of the channel set up its reminders', async () => {
      // Priya (U0KOLKATA) is not in #kpis: the form says so instead of opening.
      const view = await openReminderForm(h.slack, h.driver, 'C0KPIS', 'U0KOLKATA');
      expect(view.callback_id).not.toBe(ReminderIds.modal);
      expect(JSON.stringify(view.blocks)).toContain('Only members of #kpis can set up or change its check-in reminders: join #kpis first.');
    });

    it('tells a person how to use /kpi remind when the words are not off or on', async () => {
      const reply = await nextReply(h, () => h.driver.command('remind sometimes', { userId: PRIYA.slack }));
      expect(reply.text).toContain('/kpi remind off (on) to stop (resume) reminder DMs.');
    });
  });
}
