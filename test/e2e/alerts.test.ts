/**
 * Alerts end to end, against both simulators and on both stores: a value written straight into the
 * Gtmhub simulator (not through Slack) that crosses a rule's threshold is found by the poll and
 * posted once in the rule's channel; a value recorded from Slack posts at once; a value flapping
 * within the week posts once; two instances on one PostgreSQL post once; a deleted KPI pauses its
 * rules with a note to their creator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKpibot } from '../../src/kpibot.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startReplicas } from '../helpers/replicas.js';
import type { AlertCondition, AlertRule } from '../../src/alerts/types.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { gtmhubOffset } from '../../src/time/zones.js';
import { isoWeekOf } from '../../src/time/periods.js';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { AlertIds, AlertInputIds } from '../../src/slack/ids.js';
import { AlertRulesRepository } from '../../src/store/alert-rules-repository.js';
import { HARNESS_START, startHarness, type Harness } from '../helpers/harness.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';
import { nextReply } from './personal-helpers.js';

const TEAM = 'T0SANDBOX';
const CHANNEL = 'C0KPIS';
const CREATOR = 'U0SANDBOX';
const ZONE = 'Europe/Berlin';
const FIVE_MINUTES = 5 * 60_000;
const MEMBER = 'U0SANDBOX'; // in #general, #kpis, #random and the private #secret-project
const OUTSIDER = 'U0KOLKATA'; // not in #kpis

interface AlertForm {
  kpiId?: string;
  groupId?: string;
  zone?: string;
  condition?: string;
  amount?: string;
}

function stateOf(form: AlertForm): { values: Record<string, Record<string, unknown>> } {
  const ids = AlertInputIds;
  const selected = (value: string | undefined) => (value === undefined ? null : { text: { type: 'plain_text', text: value }, value });
  return {
    values: {
      [ids.kpi.block]: { [ids.kpi.action]: { type: 'external_select', selected_option: selected(form.kpiId) } },
      [ids.group.block]: { [ids.group.action]: { type: 'external_select', selected_option: selected(form.groupId) } },
      [ids.zone.block]: { [ids.zone.action]: { type: 'external_select', selected_option: selected(form.zone ?? ZONE) } },
      [ids.condition.block]: { [ids.condition.action]: { type: 'static_select', selected_option: selected(form.condition) } },
      [ids.amount.block]: { [ids.amount.action]: { type: 'plain_text_input', value: form.amount ?? '' } },
    },
  };
}

/** A demo KPI with no values at all, so that the test decides which it has. */
function emptyKpi(h: Harness, index: number): Kpi {
  const kpi = [...h.gtmhub.state.kpis.values()][index]!;
  h.gtmhub.state.snapshots.delete(kpi.id);
  return kpi;
}

/** Writes a value into the simulator as if from Gtmhub's own screens, for the week of now in the rule's zone. */
function writeInGtmhub(h: Harness, kpiId: string, value: number): void {
  const at = new Date(h.clock.now());
  h.gtmhub.state.addSnapshot({ kpiId, group: isoWeekOf(at, ZONE), timeZone: gtmhubOffset(ZONE, at), value });
}

/** The alert messages of a channel (or DM) about one KPI. */
function alertsAbout(h: Harness, channel: string, kpi: Kpi): { text?: string; blocks?: unknown[] }[] {
  return h.slack.messages(channel).filter((m) => m.text?.startsWith(kpi.name) === true && JSON.stringify(m.blocks).includes('alert_mute'));
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`alerts ${target.name}`, () => {
    let h: Harness;
    let rules: AlertRulesRepository;

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, scheduling: { scheduler: false } });
      rules = new AlertRulesRepository(h.kpibot.store.db, { now: () => new Date(h.clock.now()) });
      await h.kpibot.deps.catalogue.get();
    });
    afterAll(async () => {
      await h?.close();
    });

    function createRule(kpi: Kpi, condition: AlertCondition, channelId = CHANNEL): Promise<AlertRule> {
      return rules.create({
        teamId: TEAM,
        channelId,
        personal: false,
        ownerUserId: CREATOR,
        target: { kind: 'kpi', kpiId: kpi.id },
        zone: ZONE,
        condition,
        nextPollAt: new Date(h.clock.now()),
      });
    }

    /** One heartbeat tick `ms` from now: the poll of the rules due, then every kind's due work. */
    async function tick(ms = FIVE_MINUTES): Promise<void> {
      await h.clock.advance(ms);
      await h.kpibot.scheduler.engine.runDue();
    }

    it('a value written straight into Gtmhub that crosses the threshold posts exactly one alert within one poll', async () => {
      const kpi = emptyKpi(h, 0);
      await createRule(kpi, { kind: 'above', threshold: 1000 });
      writeInGtmhub(h, kpi.id, 400);
      await tick(0);
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(0);

      writeInGtmhub(h, kpi.id, 1500);
      await tick();
      const posted = alertsAbout(h, CHANNEL, kpi);
      expect(posted).toHaveLength(1);
      const message = JSON.stringify(posted[0]!.blocks);
      expect(message).toContain('went above');
      expect(message).toContain('kpi_show_details');
      expect(message).toContain('kpi_log_value');

      // Later polls and runs (a restart, the operator command) post nothing more.
      await tick();
      await tick();
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
    });

    it('a value recorded from Slack (/kpi log) that crosses the threshold posts at once, without a poll', async () => {
      const kpi = emptyKpi(h, 1);
      await createRule(kpi, { kind: 'above', threshold: 1000 });
      await tick(0);
      const reply = await nextReply(h, () => h.driver.command(`log "${kpi.name}" 2500`, { userId: MEMBER, channelId: CHANNEL }));
      expect(reply.text).not.toContain('could not');
      await h.slack.waitFor(() => alertsAbout(h, CHANNEL, kpi).length > 0, 10_000);
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
      // The poll after it finds the state already stepped: nothing twice.
      await tick();
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
    });

    it('a value flapping around the threshold within one week posts once', async () => {
      const kpi = emptyKpi(h, 2);
      await createRule(kpi, { kind: 'above', threshold: 1000 });
      for (const value of [1500, 500, 1600, 400, 1700]) {
        writeInGtmhub(h, kpi.id, value);
        await tick();
      }
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
    });

    it('a KPI deleted in Gtmhub pauses its alerts and tells their creator', async () => {
      const kpi = emptyKpi(h, 3);
      const rule = await createRule(kpi, { kind: 'below', threshold: 10 });
      const dmsBefore = h.slack.messages(CREATOR).length;
      h.gtmhub.state.removeKpi(kpi.id);
      // The catalogue is read again in the background once over 5 minutes old (the poll's read of
      // it starts that); the poll after that refresh finds the KPI gone.
      await tick(6 * 60_000);
      await h.kpibot.deps.catalogue.refresh();
      await tick();
      const paused = await rules.get(rule.id);
      expect(paused).toMatchObject({ status: 'paused' });
      expect(paused?.pausedReason).toContain('was deleted in Gtmhub');
      const dms = h.slack.messages(CREATOR).slice(dmsBefore);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.text).toContain('I paused your alert for <#C0KPIS>');
      await tick();
      expect(h.slack.messages(CREATOR).slice(dmsBefore)).toHaveLength(1);
    });

    it('a channel kpibot may not post in pauses the alert and tells its creator', async () => {
      const kpi = emptyKpi(h, 4);
      const rule = await createRule(kpi, { kind: 'above', threshold: 1 }, 'C0NOWHERE');
      const dmsBefore = h.slack.messages(CREATOR).length;
      writeInGtmhub(h, kpi.id, 5);
      await tick();
      expect(await rules.get(rule.id)).toMatchObject({ status: 'paused' });
      const dms = h.slack.messages(CREATOR).slice(dmsBefore);
      expect(dms.map((m) => m.text)).toEqual([expect.stringContaining('I paused your alert for <#C0NOWHERE> because I could not post in it')]);
    });

    it('Mute for a week on the message: nothing posts for a week, and the clicker is told until when', async () => {
      const kpi = emptyKpi(h, 5);
      const rule = await createRule(kpi, { kind: 'above', threshold: 1000 });
      writeInGtmhub(h, kpi.id, 2000);
      await tick();
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
      const reply = await nextReply(h, () => h.driver.action({ actions: [{ action_id: AlertIds.muteButton, value: rule.id }], channel: { id: CHANNEL }, user: MEMBER }));
      expect(reply.text).toContain('Muted until');
      expect((await rules.get(rule.id))?.mutedUntil).toEqual(new Date(h.clock.now() + 7 * 24 * 60 * 60_000));
      // The next week it crosses again: muted, nothing posts.
      await h.clock.advance(3 * 24 * 60 * 60_000);
      writeInGtmhub(h, kpi.id, 3000);
      await tick();
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
      await rules.pause(rule.id);
    });

    describe('the form and the list', () => {
      async function openForm(text: string, channelId = CHANNEL, userId = MEMBER): Promise<SimView> {
        const before = h.slack.views.opened.length;
        await h.driver.command(text, { userId, channelId });
        await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
        const id = h.slack.views.opened.at(-1)!.id;
        await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === AlertIds.modal || JSON.stringify(h.slack.views.byId(id)).includes('Only members'), 10_000);
        return h.slack.views.byId(id)!;
      }
      const submit = (view: SimView, form: AlertForm, user = MEMBER) => h.driver.submitView({ view: { ...view, state: stateOf(form) }, user });
      const click = (actionId: string, ruleId: string, user = MEMBER) =>
        nextReply(h, () => h.driver.action({ actions: [{ action_id: actionId, value: ruleId }], channel: { id: CHANNEL }, user }));

      it('creates a channel alert with a threshold typed in the KPI’s units ($1.2k)', async () => {
        const kpi = emptyKpi(h, 6);
        const view = await openForm('alert');
        expect(JSON.stringify(view)).toContain(`"private_metadata":${JSON.stringify(JSON.stringify({ channelId: CHANNEL, personal: false }))}`);
        await submit(view, { kpiId: kpi.id, condition: 'above', amount: '$1.2k' });
        await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(view.id)).includes('Alert created'), 10_000);
        const created = (await rules.listByChannel(TEAM, CHANNEL)).find((r) => r.target.kind === 'kpi' && r.target.kpiId === kpi.id);
        expect(created).toMatchObject({ personal: false, ownerUserId: MEMBER, zone: ZONE, condition: { kind: 'above', threshold: 1200 }, status: 'active' });
      });

      it('creates a personal alert from a DM, sent to its creator', async () => {
        const kpi = emptyKpi(h, 7);
        const view = await openForm('alert me', 'D0SANDBOX');
        await submit(view, { kpiId: kpi.id, condition: 'changed_percent_bad', amount: '10%' });
        await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(view.id)).includes('Alert created'), 10_000);
        const [mine] = await rules.listByChannel(TEAM, MEMBER);
        expect(mine).toMatchObject({ personal: true, condition: { kind: 'changed', by: 10, unit: 'percent', direction: 'bad' } });
      });

      it('refuses, each in one sentence next to its field: no KPI, a KPI and a group, an amount that is no number, a bad streak', async () => {
        const kpi = emptyKpi(h, 8);
        const view = await openForm('alert');
        const none = await submit(view, { condition: 'above', amount: 'lots' });
        expect(none.json).toEqual({
          response_action: 'errors',
          errors: { [AlertInputIds.kpi.block]: 'Choose the KPI to watch, or a group below to watch all its KPIs.', [AlertInputIds.amount.block]: expect.stringContaining('“lots” is not a number') },
        });
        const both = await submit(view, { kpiId: kpi.id, groupId: 'g-any', condition: 'wrong_way', amount: '0' });
        expect(both.json).toEqual({
          response_action: 'errors',
          errors: {
            [AlertInputIds.group.block]: 'Choose a KPI or a group, not both: clear one of them.',
            [AlertInputIds.amount.block]: 'Type how many weeks in a row, a whole number from 1 to 52 (e.g. 3).',
          },
        });
      });

      it('refuses /kpi alert to someone who is not a member of the channel, and in a DM', async () => {
        const view = await openForm('alert', CHANNEL, OUTSIDER);
        expect(JSON.stringify(view)).toContain('Only members of #kpis can set up or change its alerts: join #kpis first.');
        const reply = await nextReply(h, () => h.driver.command('alert', { userId: MEMBER, channelId: 'D0SANDBOX' }));
        expect(reply.text).toContain('Channel alerts go to a channel: run /kpi alert there, or /kpi alert me for a personal alert by DM.');
      });

      it('lists the channel’s alerts, pauses, resumes and removes one; an outsider may not', async () => {
        const kpi = emptyKpi(h, 9);
        const rule = await createRule(kpi, { kind: 'below', threshold: 5 });
        const list = await nextReply(h, () => h.driver.command('alert list', { userId: MEMBER, channelId: CHANNEL }));
        expect(list.text).toContain(kpi.name);
        expect(list.text).toContain('went below');
        const refused = await click(AlertIds.pauseButton, rule.id, OUTSIDER);
        expect(refused.text).toContain('Only members of #kpis can set up or change its alerts');
        expect((await rules.get(rule.id))?.status).toBe('active');
        const paused = await click(AlertIds.pauseButton, rule.id);
        expect(paused.text).toContain('Paused: #kpis gets no alert from it until someone resumes it.');
        expect((await rules.get(rule.id))?.status).toBe('paused');
        await click(AlertIds.pauseButton, rule.id);
        expect((await rules.get(rule.id))?.status).toBe('active');
        const removed = await click(AlertIds.removeButton, rule.id);
        expect(removed.text).toContain('Removed: #kpis will no longer get that alert.');
        expect(await rules.get(rule.id)).toBeUndefined();
      });
    });
  });
}

const postgres = storeTargets().find((t) => t.dialect === 'postgres')!;

describe.skipIf(postgres.skipReason !== undefined)(`alerts from two app instances on one database ${postgres.name}`, () => {
  let gtmhub: GtmhubSimulator;
  let slack: SlackSimulator;
  let place: StorePlace;
  let apps: RunningKpibot[] = [];
  const clock = new FakeClock(HARNESS_START);

  beforeAll(async () => {
    [gtmhub, slack] = await Promise.all([startGtmhubSimulator({ now: () => new Date(clock.now()) }), startSlackSimulator()]);
    place = await freshStorePlace('postgres');
    apps = await startReplicas({ gtmhub, slack, place, clock, signingSecret: 'replicas-secret' });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop({ drainMs: 5_000 })));
    await Promise.all([gtmhub?.close(), slack?.close()]);
    await place?.remove();
  });

  it('a crossing found by both instances’ polls at once posts once', async () => {
    const kpis = [...gtmhub.state.kpis.values()].slice(0, 10);
    const rules = new AlertRulesRepository(apps[0]!.store.db, { now: () => new Date(clock.now()) });
    for (const kpi of kpis) {
      gtmhub.state.snapshots.delete(kpi.id);
      await rules.create({ teamId: slack.teamId, channelId: CHANNEL, personal: false, ownerUserId: CREATOR, target: { kind: 'kpi', kpiId: kpi.id }, zone: ZONE, condition: { kind: 'above', threshold: 100 }, nextPollAt: new Date(clock.now()) });
      const at = new Date(clock.now());
      gtmhub.state.addSnapshot({ kpiId: kpi.id, group: isoWeekOf(at, ZONE), timeZone: gtmhubOffset(ZONE, at), value: 500 });
    }
    await Promise.all(apps.map((app) => app.scheduler.engine.runDue()));
    await clock.advance(FIVE_MINUTES);
    await Promise.all(apps.map((app) => app.scheduler.engine.runDue()));
    const posted = slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'kpibot_alert');
    expect(posted).toHaveLength(kpis.length);
    expect(new Set(posted.map((m) => (m.metadata!.event_payload as { kpi_id: string }).kpi_id))).toEqual(new Set(kpis.map((k) => k.id)));
  });
});
