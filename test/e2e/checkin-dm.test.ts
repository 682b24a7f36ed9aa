/**
 * What happens with a check-in DM after it is sent, end to end against both simulators: Check in
 * records each value once and the DM turns to done; a value logged elsewhere updates the DM; a
 * snooze re-sends once with what is still missing; *Not this week* shows in the next digest as
 * skipped by owner; a partial Gtmhub failure keeps what was typed; a crash between claim and DM,
 * or between DM and recording it, sends nothing twice.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextSlotForPerson, periodForSlot } from '../../src/checkins/due.js';
import { checkinClaimKey } from '../../src/checkins/keys.js';
import { CHECKIN_KIND, type CheckinReminder } from '../../src/checkins/types.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { defaultUsers, demoSlackMembers, type SimMessage, type SimView } from '../../src/sandbox/slack/index.js';
import { CheckinIds, checkinValueBlockId } from '../../src/slack/ids.js';
import { MAX_CHECKIN_FIELDS } from '../../src/slack/views/checkins/check-in-modal.js';
import { CheckinPeopleRepository } from '../../src/store/checkin-people-repository.js';
import { CheckinRemindersRepository } from '../../src/store/checkin-reminders-repository.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { aDigestSubscription } from '../helpers/digest-subscriptions.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { HARNESS_START, startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { gtmhubUserId, peopleLoaded, TEAM } from './people-helpers.js';
import { nextReply } from './personal-helpers.js';

const PRIYA = { slack: 'U0PRIYAN', email: 'priya.natarajan@example.com', zone: 'Asia/Kolkata' };
const WEEK_MS = 7 * 24 * 3_600_000;

/** The demo KPIs owned only by Priya, their values removed (the test decides which have one). */
function priyasKpis(h: Harness, count: number): Kpi[] {
  const owner = gtmhubUserId(h, PRIYA.email);
  const kpis = [...h.gtmhub.state.kpis.values()].filter((k) => k.ownerIds.length === 1 && k.ownerIds[0] === owner).slice(0, count);
  if (kpis.length < count) throw new Error(`the demo data has fewer than ${count} KPIs owned only by Priya`);
  for (const kpi of kpis) h.gtmhub.state.snapshots.delete(kpi.id);
  return kpis;
}

interface SentDm {
  reminder: CheckinReminder;
  period: string;
  slot: Date;
  message: SimMessage;
}

/** Elements of the DM's blocks with `action_id`, with their blocks' ids. */
function elementsOf(message: { blocks?: unknown[] }): { action_id?: string; value?: string; options?: { value: string; text: { text: string } }[] }[] {
  return (message.blocks ?? []).flatMap((b) => {
    const block = b as { accessory?: object; elements?: object[] };
    return [...(block.accessory ? [block.accessory] : []), ...(block.elements ?? [])] as { action_id?: string }[];
  });
}

function buttonValue(message: SimMessage, actionId: string): string {
  const value = elementsOf(message).find((e) => e.action_id === actionId)?.value;
  if (value === undefined) throw new Error(`the DM has no ${actionId} button`);
  return value;
}

function dmText(message: SimMessage): string {
  return JSON.stringify(message.blocks);
}

/** `view.state` of the Check in form with these values typed. */
function checkinState(values: Record<string, string>) {
  return { values: Object.fromEntries(Object.entries(values).map(([kpiId, value]) => [checkinValueBlockId(kpiId), { [CheckinIds.valueInput]: { type: 'plain_text_input', value } }])) };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`check-in DMs ${target.name}`, () => {
    let h: Harness;
    let reminders: CheckinRemindersRepository;
    let dms: CheckinPeopleRepository;
    let week = 0;

    beforeAll(async () => {
      // Slack's message ts follow kpibot's clock, so that a recovery's look back in the DM finds what was posted.
      const clock = new FakeClock(HARNESS_START);
      h = await startHarness({ dialect: target.dialect, clock, slack: { users: [...defaultUsers(), ...demoSlackMembers()], now: () => clock.now() }, scheduling: { scheduler: false } });
      reminders = new CheckinRemindersRepository(h.kpibot.store.db);
      dms = new CheckinPeopleRepository(h.kpibot.store.db);
      await peopleLoaded(h);
    });
    afterAll(async () => {
      await h?.close();
    });
    /** Where this test's Gtmhub requests start (the tests share the demo KPIs). */
    let baseline = 0;
    beforeEach(() => {
      h.gtmhub.faults.clear();
      baseline = h.gtmhub.requests.length;
    });

    /** A reminder of `kpis` for Priya, due at her Monday 09:00 a week after the last test's; the clock moved there. */
    async function reminderFor(kpis: readonly Kpi[]): Promise<{ reminder: CheckinReminder; slot: Date; period: string }> {
      // Each test's reminder alone: the ones before it stop.
      for (const earlier of await reminders.listByChannel(TEAM, 'C0GENERAL')) await reminders.setStatus(earlier.id, 'paused');
      const reminder = await reminders.create({
        teamId: TEAM,
        channelId: 'C0GENERAL',
        createdBy: 'U0SANDBOX',
        personalFor: null,
        selection: { kind: 'kpis', kpiIds: kpis.map((k) => k.id) },
        period: 'this_week',
        weekday: 1,
        time: '09:00',
        zone: null,
      });
      week += 1;
      const slot = nextSlotForPerson(reminder, PRIYA.zone, new Date(Date.parse(HARNESS_START) + week * WEEK_MS));
      await reminders.schedule({ reminderId: reminder.id, slackUserId: PRIYA.slack, zone: PRIYA.zone, nextRunAt: slot });
      await h.clock.set(slot.getTime() + 60_000);
      return { reminder, slot, period: periodForSlot(slot, PRIYA.zone, 'this_week') };
    }

    /** Sends the reminder's DM to Priya at her slot: the DM as Slack holds it. */
    async function sendDm(kpis: readonly Kpi[]): Promise<SentDm> {
      const { reminder, slot, period } = await reminderFor(kpis);
      const before = h.slack.messages(PRIYA.slack).length;
      await h.kpibot.scheduler.engine.engine.runDue(new Date(h.clock.now()));
      const messages = h.slack.messages(PRIYA.slack);
      expect(messages).toHaveLength(before + 1);
      return { reminder, period, slot, message: messages.at(-1)! };
    }

    /** The DM as Slack holds it now (after updates). */
    function current(dm: SentDm): SimMessage {
      return h.slack.messages(PRIYA.slack).find((m) => m.ts === dm.message.ts)!;
    }

    async function click(dm: SentDm, actionId: string, extra: Record<string, unknown> = {}): Promise<void> {
      await h.driver.action({ user: PRIYA.slack, actions: [{ action_id: actionId, type: 'button', ...(extra.selected_option ? {} : { value: buttonValue(current(dm), actionId) }), ...extra }], message: current(dm) });
    }

    /** Clicks Check in and waits for the form. */
    async function openCheckin(dm: SentDm): Promise<SimView> {
      const before = h.slack.views.opened.length;
      await click(dm, CheckinIds.checkIn);
      await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
      const id = h.slack.views.opened.at(-1)!.id;
      await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === CheckinIds.modal, 10_000);
      return h.slack.views.byId(id)!;
    }

    /** This test's snapshot writes of a KPI that Gtmhub took. */
    function recordedPosts(kpiId: string) {
      return h.gtmhub.requests.slice(baseline).filter((r) => r.route === 'POST /v1/kpis/:id/snapshots' && r.path.includes(kpiId) && r.status !== null && r.status < 300);
    }

    it('stores the DM’s own conversation id (opened with conversations.open), not the user id it is for', async () => {
      const [a] = priyasKpis(h, 1) as [Kpi];
      const dm = await sendDm([a]);
      const row = await dms.dmOf(dm.reminder.id, PRIYA.slack, dm.period);
      expect(row).toMatchObject({ channelId: dm.message.channel, messageTs: dm.message.ts, kpiIds: [a.id] });
      expect(row!.channelId).toMatch(/^D/);
    });

    it('Check in asks for every missing KPI in one form, refuses a bad value next to its field, records each value once and turns the DM to done', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const dm = await sendDm([a, b]);
      const form = await openCheckin(dm);
      expect((form.blocks as { type: string; block_id?: string }[]).filter((blk) => blk.type === 'input').map((blk) => blk.block_id)).toEqual([checkinValueBlockId(a.id), checkinValueBlockId(b.id)]);

      const refused = await h.driver.submitView({ user: PRIYA.slack, view: { ...form, state: checkinState({ [a.id]: '12', [b.id]: 'lots' }) } });
      expect(refused.json).toMatchObject({ response_action: 'errors', errors: { [checkinValueBlockId(b.id)]: expect.any(String) } });
      expect(recordedPosts(a.id)).toHaveLength(0);

      const state = checkinState({ [a.id]: '1.2k', [b.id]: '15' });
      await h.driver.submitView({ user: PRIYA.slack, view: { ...form, state } });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks ?? []).includes('Nothing left to log'), 10_000);
      // Slack delivers the same submission again: nothing is recorded twice.
      await h.driver.submitView({ user: PRIYA.slack, view: { ...form, state } });
      await h.slack.waitFor(() => dmText(current(dm)).includes('All done for the week of'), 10_000);

      expect(recordedPosts(a.id)).toHaveLength(1);
      expect(recordedPosts(b.id)).toHaveLength(1);
      expect(h.gtmhub.state.snapshots.get(a.id)?.map((s) => s.value)).toEqual([1200]);
      expect(dmText(current(dm))).toContain('✅');
      expect(elementsOf(current(dm)).some((e) => e.action_id === CheckinIds.checkIn)).toBe(false);
    });

    it('a value logged elsewhere (/kpi log) shows as done in the DM', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const dm = await sendDm([a, b]);
      await nextReply(h, () => h.driver.command(`log ${a.name} 42`, { userId: PRIYA.slack }));
      await h.slack.waitFor(() => dmText(current(dm)).includes('Still to log'), 10_000);
      expect(dmText(current(dm))).toContain(`✅ *${a.name}* — 42`);
      expect(elementsOf(current(dm)).filter((e) => e.action_id === CheckinIds.checkIn)).toHaveLength(1);
      expect(b.name).not.toBe(a.name);
    });

    it('a snooze re-sends once, at its time, with only what is still missing', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const dm = await sendDm([a, b]);
      const reply = await nextReply(h, () => click(dm, CheckinIds.snoozeHour));
      expect(reply.text).toContain('Snoozed: kpibot will remind you again in an hour');
      // One is logged meanwhile.
      await nextReply(h, () => h.driver.command(`log ${a.name} 7`, { userId: PRIYA.slack }));

      const engine = h.kpibot.scheduler.engine.engine;
      await engine.runDue(new Date(h.clock.now() + 30 * 60_000));
      expect(h.slack.messages(PRIYA.slack).filter((m) => Number(m.ts) > Number(dm.message.ts))).toHaveLength(0);
      await h.clock.set(h.clock.now() + 61 * 60_000);
      await engine.runDue(new Date(h.clock.now()));
      await engine.runDue(new Date(h.clock.now() + 60_000));
      const resent = h.slack.messages(PRIYA.slack).filter((m) => Number(m.ts) > Number(dm.message.ts) && m.metadata !== undefined);
      expect(resent).toHaveLength(1);
      expect(dmText(resent[0]!)).toContain(b.name);
      expect(dmText(resent[0]!)).not.toContain(a.name);
      // The re-sent DM is the one that updates itself from now on.
      expect(await dms.dmOf(dm.reminder.id, PRIYA.slack, dm.period)).toMatchObject({ messageTs: resent[0]!.ts, kpiIds: [b.id], snoozeUntil: null });
    });

    it('Not this week takes a KPI out of the DM and the next digest shows it as skipped by owner', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const dm = await sendDm([a, b]);
      const select = elementsOf(current(dm)).find((e) => e.action_id === CheckinIds.notThisWeek)!;
      const option = select.options!.find((o) => o.text.text === a.name)!;
      await h.driver.action({ user: PRIYA.slack, actions: [{ action_id: CheckinIds.notThisWeek, type: 'static_select', selected_option: { text: { type: 'plain_text', text: a.name }, value: option.value } }], message: current(dm) });
      await h.slack.waitFor(() => dmText(current(dm)).includes('not this week'), 10_000);
      expect(await dms.skippedBy(TEAM, PRIYA.slack, dm.period)).toEqual(new Set([a.id]));

      // The next Monday's digest reports this week.
      const sub = await h.kpibot.deps.digests!.subscriptions.create(aDigestSubscription('C0GENERAL', [a.id, b.id], { zone: 'Asia/Kolkata' }));
      await h.clock.set(dm.slot.getTime() + WEEK_MS);
      const sent = await h.kpibot.scheduler.engine.digests.sendNow(sub.id);
      expect(sent).toMatchObject({ kind: 'sent', period: dm.period });
      const digest = JSON.stringify(h.slack.messages('C0GENERAL').at(-1)!.blocks);
      expect(digest).toContain(`*${a.name}* — _skipped by owner_`);
      expect(digest).toContain(`*${b.name}* — _not updated_`);
      await h.kpibot.deps.digests!.subscriptions.remove(sub.id);
    });

    it('a partial Gtmhub failure says per KPI what was recorded and keeps what was typed; sending again records only the rest', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const dm = await sendDm([a, b]);
      const form = await openCheckin(dm);
      // Gtmhub refuses the first write (a), takes the second (b).
      h.gtmhub.faults.set('POST /v1/kpis/:id/snapshots', { status: 400, times: 1 });
      await h.driver.submitView({ user: PRIYA.slack, view: { ...form, state: checkinState({ [a.id]: '3.5', [b.id]: '8' }) } });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks ?? []).includes(':warning:'), 10_000);
      const again = h.slack.views.byId(form.id)!;
      expect(again.callback_id).toBe(CheckinIds.modal);
      const inputs = (again.blocks as { type: string; block_id: string; element: { initial_value?: string } }[]).filter((blk) => blk.type === 'input');
      expect(inputs.map((i) => [i.block_id, i.element.initial_value])).toEqual([[checkinValueBlockId(a.id), '3.5']]);
      expect(JSON.stringify(again.blocks)).toContain(`✅ *${b.name}*`);
      expect(recordedPosts(b.id)).toHaveLength(1);

      await h.driver.submitView({ user: PRIYA.slack, view: { ...again, state: checkinState({ [a.id]: '3.5' }) } });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks ?? []).includes('Nothing left to log'), 10_000);
      expect(recordedPosts(a.id)).toHaveLength(1);
      expect(recordedPosts(b.id)).toHaveLength(1);
      await h.slack.waitFor(() => dmText(current(dm)).includes('All done'), 10_000);
    });

    it('more KPIs than one form holds continue in a next step, and the last step says how many are still to log', async () => {
      const owner = gtmhubUserId(h, PRIYA.email);
      const many = Array.from({ length: MAX_CHECKIN_FIELDS + 2 }, (_, i) => h.gtmhub.state.addKpi({ name: `Check-in load ${String(i + 1).padStart(2, '0')}`, ownerIds: [owner] }));
      await h.kpibot.deps.catalogue.refresh();
      const dm = await sendDm(many);
      const form = await openCheckin(dm);
      const fields = () => (h.slack.views.byId(form.id)!.blocks as { type: string; block_id?: string }[]).filter((b) => b.type === 'input').map((b) => b.block_id);
      expect(fields()).toHaveLength(MAX_CHECKIN_FIELDS);
      expect(h.slack.views.byId(form.id)!.submit?.text).toBe('Record and go on');

      await h.driver.submitView({ user: PRIYA.slack, view: { ...form, state: checkinState({ [many[0]!.id]: '1', [many[1]!.id]: '2' }) } });
      await h.slack.waitFor(() => fields().length === 2, 10_000);
      expect(fields()).toEqual([checkinValueBlockId(many[40]!.id), checkinValueBlockId(many[41]!.id)]);

      await h.driver.submitView({ user: PRIYA.slack, view: { ...h.slack.views.byId(form.id)!, state: checkinState({ [many[41]!.id]: '3' }) } });
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(form.id)?.blocks ?? []).includes('still to log'), 10_000);
      expect(JSON.stringify(h.slack.views.byId(form.id)!.blocks)).toContain(`${many.length - 3} KPIs are still to log`);
      for (const [i, kpi] of many.entries()) expect(recordedPosts(kpi.id)).toHaveLength([0, 1, 41].includes(i) ? 1 : 0);
    });

    it('a DM that stands for two reminders due at once names who set up each and where, also after it updated itself', async () => {
      const [a, b] = priyasKpis(h, 2) as [Kpi, Kpi];
      const { reminder, slot, period } = await reminderFor([a]);
      const other = await reminders.create({
        teamId: TEAM,
        channelId: 'C0RANDOM',
        createdBy: 'U0ADMIN',
        personalFor: null,
        selection: { kind: 'kpis', kpiIds: [b.id] },
        period: 'this_week',
        weekday: 1,
        time: '09:00',
        zone: null,
      });
      await reminders.schedule({ reminderId: other.id, slackUserId: PRIYA.slack, zone: PRIYA.zone, nextRunAt: slot });
      const before = h.slack.messages(PRIYA.slack).length;
      await h.kpibot.scheduler.engine.engine.runDue(new Date(h.clock.now()));
      const sent = h.slack.messages(PRIYA.slack).slice(before);
      expect(sent).toHaveLength(1);
      const dm: SentDm = { reminder, period, slot, message: sent[0]! };
      const both = /set up this reminder in <#C0(GENERAL|RANDOM)>\. It also stands for the reminder <@U0(SANDBOX|ADMIN)> set up in <#C0(RANDOM|GENERAL)>\./;
      expect(dmText(current(dm))).toMatch(both);
      await nextReply(h, () => h.driver.command(`log ${a.name} 42`, { userId: PRIYA.slack }));
      await h.slack.waitFor(() => dmText(current(dm)).includes('Still to log'), 10_000);
      expect(dmText(current(dm))).toMatch(both);
      // The later tests' reminders alone.
      await reminders.setStatus(other.id, 'paused');
    });

    it('Stop reminders from the channel: that reminder sends the person nothing more, not even a snoozed re-send', async () => {
      const [a] = priyasKpis(h, 1) as [Kpi];
      const dm = await sendDm([a]);
      await nextReply(h, () => click(dm, CheckinIds.snoozeHour));
      const reply = await nextReply(h, () => click(dm, CheckinIds.stop));
      expect(reply.text).toContain('you will get no more check-in DMs from the reminder in <#C0GENERAL>');
      const before = h.slack.messages(PRIYA.slack).length;
      await h.kpibot.scheduler.engine.engine.runDue(new Date(h.clock.now() + 2 * 3_600_000));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(before);
      await h.clock.set(dm.slot.getTime() + WEEK_MS + 60_000);
      await h.kpibot.scheduler.engine.engine.runDue(new Date(h.clock.now()));
      expect(h.slack.messages(PRIYA.slack)).toHaveLength(before);
    });

    describe('after a crash', () => {
      async function claimAsCrashed(reminder: CheckinReminder, period: string, slot: Date): Promise<void> {
        const claims = new ScheduledDeliveriesRepository(h.kpibot.store.db);
        const claim = await claims.claim({
          kind: CHECKIN_KIND,
          subjectId: `${reminder.id}/${PRIYA.slack}`,
          claimKey: checkinClaimKey(reminder.id, PRIYA.slack, period),
          lane: PRIYA.slack,
          instanceId: 'crashed-host:4242:dead',
          at: slot,
          leaseMs: CLAIM_LEASE_MS,
        });
        if (claim.kind !== 'claimed') throw new Error('the test could not set up the crashed claim');
      }

      it('between claim and DM: the next run sends the DM once and records it', async () => {
        const [a] = priyasKpis(h, 1) as [Kpi];
        const { reminder, slot, period } = await reminderFor([a]);
        await claimAsCrashed(reminder, period, slot);
        const before = h.slack.messages(PRIYA.slack).length;
        const engine = h.kpibot.scheduler.engine.engine;
        await h.clock.set(slot.getTime() + CLAIM_LEASE_MS + 60_000);
        await engine.runDue(new Date(h.clock.now()));
        await engine.runDue(new Date(h.clock.now() + 60_000));
        const after = h.slack.messages(PRIYA.slack);
        expect(after).toHaveLength(before + 1);
        expect(await dms.dmOf(reminder.id, PRIYA.slack, period)).toMatchObject({ messageTs: after.at(-1)!.ts, channelId: after.at(-1)!.channel });
      });

      it('between DM and recording it: the next run finds the DM by its metadata, sends nothing twice, and records it so it updates itself', async () => {
        const [a] = priyasKpis(h, 1) as [Kpi];
        const { reminder, slot, period } = await reminderFor([a]);
        await claimAsCrashed(reminder, period, slot);
        // The crashed instance posted the DM, then died before recording anything.
        const client = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
        const posted = await client.chat.postMessage({
          channel: PRIYA.slack,
          text: 'a check-in posted before a crash',
          metadata: { event_type: 'kpibot_checkin', event_payload: { reminder: reminder.id, person: PRIYA.slack, period, part: 0 } },
        });
        const before = h.slack.messages(PRIYA.slack).length;
        const engine = h.kpibot.scheduler.engine.engine;
        await h.clock.set(slot.getTime() + CLAIM_LEASE_MS + 60_000);
        await engine.runDue(new Date(h.clock.now()));
        await engine.runDue(new Date(h.clock.now() + 60_000));
        expect(h.slack.messages(PRIYA.slack)).toHaveLength(before);
        expect(await dms.dmOf(reminder.id, PRIYA.slack, period)).toMatchObject({ messageTs: posted.ts, channelId: posted.channel, kpiIds: [a.id] });

        // Recorded, it updates itself when the value is logged.
        await nextReply(h, () => h.driver.command(`log ${a.name} 5`, { userId: PRIYA.slack }));
        await h.slack.waitFor(() => (h.slack.messages(PRIYA.slack).find((m) => m.ts === posted.ts)?.text ?? '').includes('All done'), 10_000);
      });
    });
  });
}
