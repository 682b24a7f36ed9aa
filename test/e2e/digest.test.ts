import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { DigestIds, DigestInputIds } from '../../src/slack/ids.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

/** Wednesday 2026-11-25 12:00 UTC: the next Monday 09:00 in Berlin is 2026-11-30 08:00 UTC. */
const NOW = Date.parse('2026-11-25T12:00:00Z');
const MEMBER = 'U0SANDBOX'; // in #general, #kpis, #random and the private #secret-project
const OUTSIDER = 'U0KOLKATA'; // not in #kpis

interface Form {
  channel: string;
  include: 'kpis' | 'groups' | 'favorites';
  kpiIds?: string[];
  groupIds?: string[];
  weekday?: string;
  time?: string;
  zone?: string;
  options?: string[];
}

function stateOf(form: Form): { values: Record<string, Record<string, unknown>> } {
  const ids = DigestInputIds;
  const selected = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  return {
    values: {
      [ids.channel.block]: { [ids.channel.action]: { type: 'conversations_select', selected_conversation: form.channel } },
      [ids.include.block]: { [ids.include.action]: { type: 'radio_buttons', selected_option: selected(form.include) } },
      [ids.kpis.block]: { [ids.kpis.action]: { type: 'multi_external_select', selected_options: (form.kpiIds ?? []).map(selected) } },
      [ids.groups.block]: { [ids.groups.action]: { type: 'multi_external_select', selected_options: (form.groupIds ?? []).map(selected) } },
      [ids.weekday.block]: { [ids.weekday.action]: { type: 'static_select', selected_option: selected(form.weekday ?? '1') } },
      [ids.time.block]: { [ids.time.action]: { type: 'timepicker', selected_time: form.time ?? '09:00' } },
      [ids.zone.block]: { [ids.zone.action]: { type: 'external_select', selected_option: selected(form.zone ?? 'Europe/Berlin') } },
      [ids.options.block]: { [ids.options.action]: { type: 'checkboxes', selected_options: (form.options ?? ['list_not_updated']).map(selected) } },
    },
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`weekly digests from Slack ${target.name}`, () => {
    let h: Harness;
    let kpiIds: string[];

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, clock: new FakeClock(NOW) });
      kpiIds = [...h.gtmhub.state.kpis.values()].filter((k) => ['Churn rate', 'Net Promoter Score'].includes(k.name)).map((k) => k.id);
    });
    afterAll(async () => {
      await h?.close();
    });

    const subscriptions = (channel: string) => h.kpibot.deps.digests!.subscriptions.listByChannel('T0SANDBOX', channel);

    /** Runs `/kpi digest` and waits until the loading view has become the form. */
    async function openForm(channelId: string, userId = MEMBER): Promise<SimView> {
      const before = h.slack.views.opened.length;
      await h.driver.command('digest', { userId, channelId });
      await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
      const id = h.slack.views.opened.at(-1)!.id;
      await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === DigestIds.modal, 10_000);
      return h.slack.views.byId(id)!;
    }

    const submit = (view: SimView, form: Form, user = MEMBER) => h.driver.submitView({ view: { ...view, state: stateOf(form) }, user });

    async function replyTo(send: () => Promise<unknown>): Promise<string> {
      const before = h.slack.responses.length;
      await send();
      await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
      return JSON.stringify(h.slack.responses.at(-1)?.body);
    }

    const click = (actionId: string, subscriptionId: string, user = MEMBER) =>
      replyTo(() => h.driver.action({ actions: [{ action_id: actionId, value: subscriptionId }], channel: { id: 'C0KPIS' }, user }));

    it('opens the form with the channel of the command and the user’s time zone preselected', async () => {
      const form = JSON.stringify(await openForm('C0KPIS'));
      expect(form).toContain('"initial_conversation":"C0KPIS"');
      expect(form).toContain('"initial_option":{"text":{"type":"plain_text","text":"Europe/Berlin","emoji":true},"value":"Europe/Berlin"}');
    });

    it('adds a chart of the KPIs in the digest’s thread, on by default in the form, off when unticked', async () => {
      const form = JSON.stringify(await openForm('C0RANDOM'));
      expect(form).toMatch(/"initial_options":\[[^\]]*"value":"include_chart"/);

      const view = await openForm('C0RANDOM');
      await submit(view, { channel: 'C0RANDOM', include: 'kpis', kpiIds, options: ['list_not_updated', 'include_chart'] });
      const [sub] = await subscriptions('C0RANDOM');
      expect(sub?.includeChart).toBe(true);
      expect(await click(DigestIds.sendNowButton, sub!.id)).toContain('Sent: the digest of 2026-W47 is in #random.');
      const digest = h.slack.messages('C0RANDOM').find((m) => m.thread_ts === undefined && JSON.stringify(m).includes('Weekly KPIs — 2026-W47'))!;
      const inThread = h.slack.messages('C0RANDOM').filter((m) => m.thread_ts === digest.ts);
      const image = inThread.flatMap((m) => (m.blocks ?? []) as Array<{ type: string; slack_file?: { id: string }; alt_text?: string }>).find((b) => b.type === 'image');
      expect(image?.alt_text).toMatch(/Churn rate/);
      // Shared into the channel, in the digest's thread: every member can see it.
      expect(h.slack.files.byId(image!.slack_file!.id)).toMatchObject({ completed: true, shares: ['C0RANDOM'] });

      await h.kpibot.deps.digests!.subscriptions.remove(sub!.id);

      // Unticked: the digest goes without a chart.
      const uploads = h.slack.callsTo('files.getUploadURLExternal').length;
      await submit(await openForm('C0RANDOM'), { channel: 'C0RANDOM', include: 'kpis', kpiIds, options: ['list_not_updated'] });
      const [plain] = await subscriptions('C0RANDOM');
      expect(plain?.includeChart).toBe(false);
      expect(await click(DigestIds.sendNowButton, plain!.id)).toContain('Sent: the digest of 2026-W47 is in #random.');
      expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(uploads);
      await h.kpibot.deps.digests!.subscriptions.remove(plain!.id);
    });

    it('offers KPIs by a few letters of their name in the form’s own typeahead', async () => {
      const view = await openForm('C0KPIS');
      const res = await h.driver.suggestion({ actionId: DigestIds.kpiPicker, blockId: DigestInputIds.kpis.block, value: 'churn', view });
      expect(JSON.stringify(res.json)).toContain('Churn rate');
    });

    it('offers any IANA time zone by city', async () => {
      const view = await openForm('C0KPIS');
      const res = await h.driver.suggestion({ actionId: DigestIds.zonePicker, blockId: DigestInputIds.zone.block, value: 'new york', view });
      expect((res.json as { options: Array<{ value: string }> }).options.map((o) => o.value)).toContain('America/New_York');
    });

    it('shows field errors next to the fields without saving anything', async () => {
      const view = await openForm('C0KPIS');
      const res = await submit(view, { channel: 'C0KPIS', include: 'kpis', kpiIds: [], zone: 'Mars/Olympus' });
      expect(res.json).toMatchObject({
        response_action: 'errors',
        errors: { [DigestInputIds.kpis.block]: expect.any(String), [DigestInputIds.zone.block]: expect.any(String) },
      });
      expect(await subscriptions('C0KPIS')).toEqual([]);
    });

    it('refuses a user who is not a member of the channel, in one sentence next to the channel', async () => {
      const view = await openForm('C0KPIS', OUTSIDER);
      const res = await submit(view, { channel: 'C0KPIS', include: 'kpis', kpiIds }, OUTSIDER);
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { [DigestInputIds.channel.block]: 'Only members of #kpis can set up or change its digests: join #kpis first.' },
      });
      expect(await subscriptions('C0KPIS')).toEqual([]);
    });

    it('refuses a private channel kpibot was not invited to, saying how to invite it', async () => {
      const view = await openForm('G0SECRET');
      const res = await submit(view, { channel: 'G0SECRET', include: 'favorites' });
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { [DigestInputIds.channel.block]: 'Invite @kpibot to that private channel first: /invite @kpibot' },
      });
      expect(await subscriptions('G0SECRET')).toEqual([]);
    });

    it('says it is checking the channel when Slack’s checks outlast its 2 s budget, then shows the outcome in the modal', async () => {
      const view = await openForm('C0KPIS');
      // Slack answers conversations.info after 4 s of real time; the 2 s budget runs out on kpibot's clock.
      h.slack.failNext('conversations.info', { latencyMs: 4_000 });
      const answer = submit(view, { channel: 'C0KPIS', include: 'kpis', kpiIds });
      await h.clock.runOut(2_000);
      const res = await answer;
      expect(res.timedOut).toBe(false);
      expect(JSON.stringify(res.json)).toContain('Checking the channel…');
      await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(view.id)?.blocks ?? []).includes('Subscribed: #kpis'), 10_000);
      expect(await subscriptions('C0KPIS')).toHaveLength(1);
      await h.kpibot.deps.digests!.subscriptions.remove((await subscriptions('C0KPIS'))[0]!.id);
    });

    it('joins a public channel kpibot is not in when it is subscribed, and posts its digest there', async () => {
      const view = await openForm('C0RANDOM');
      const res = await submit(view, { channel: 'C0RANDOM', include: 'kpis', kpiIds });
      expect(JSON.stringify(res.json)).toContain('Subscribed: #random gets the weekly digest');
      expect(h.slack.callsTo('conversations.join').map((c) => c.args.channel)).toContain('C0RANDOM');
      const [sub] = await subscriptions('C0RANDOM');
      const reply = await click(DigestIds.sendNowButton, sub!.id);
      expect(reply).toContain('Sent: the digest of 2026-W47 is in #random.');
      expect(h.slack.messages('C0RANDOM').some((m) => JSON.stringify(m).includes('Weekly KPIs — 2026-W47'))).toBe(true);
    });

    it('refuses a public channel kpibot cannot join, saying how to invite it', async () => {
      h.slack.addChannel({ id: 'C0PLANS', name: 'plans', is_private: false, is_archived: false, members: [MEMBER] });
      h.slack.failNext('conversations.join', { error: 'missing_scope' });
      const view = await openForm('C0PLANS');
      const res = await submit(view, { channel: 'C0PLANS', include: 'favorites' });
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { [DigestInputIds.channel.block]: 'kpibot could not join #plans: invite it there first with /invite @kpibot' },
      });
      expect(await subscriptions('C0PLANS')).toEqual([]);
    });

    describe('with more than 100 KPI groups', () => {
      let groupIds: string[];

      beforeAll(async () => {
        groupIds = Array.from({ length: 130 }, (_, i) => h.gtmhub.state.addGroup(`Region ${String(i).padStart(3, '0')}`).id);
        h.gtmhub.state.addGroup('Zulu team');
        await h.kpibot.deps.catalogue.refresh();
      });

      it('offers every group by a few letters of its name in the form’s own typeahead', async () => {
        const view = await openForm('C0GENERAL');
        const res = await h.driver.suggestion({ actionId: DigestInputIds.groups.action, blockId: DigestInputIds.groups.block, value: 'zulu', view });
        expect((res.json as { options: Array<{ text: { text: string } }> }).options.map((o) => o.text.text)).toEqual(['Zulu team']);
      });

      it('keeps a subscription’s groups past the first 100 when it is edited and saved', async () => {
        const sub = await h.kpibot.deps.digests!.subscriptions.create({
          teamId: 'T0SANDBOX',
          ownerUserId: MEMBER,
          channelId: 'C0GENERAL',
          selection: { kind: 'groups', groupIds },
          weekday: 1,
          time: '09:00',
          zone: 'Europe/Berlin',
          skipWhenUnchanged: false,
          listNotUpdated: true,
        });
        const before = h.slack.views.opened.length;
        await h.driver.action({ actions: [{ action_id: DigestIds.editButton, value: sub.id }], channel: { id: 'C0GENERAL' }, user: MEMBER });
        await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
        const viewId = h.slack.views.opened.at(-1)!.id;
        await h.slack.waitFor(() => h.slack.views.byId(viewId)?.callback_id === DigestIds.modal, 10_000);
        const view = h.slack.views.byId(viewId)!;
        expect(JSON.stringify(view)).toContain('This digest covers 130 groups: the first 100 are shown here, and the other 30 are kept when you save.');

        // The user removes the first group shown and saves.
        const res = await submit(view, { channel: 'C0GENERAL', include: 'groups', groupIds: groupIds.slice(1, 100) });
        expect(JSON.stringify(res.json)).toContain('Saved: #general');
        const saved = await h.kpibot.deps.digests!.subscriptions.get(sub.id);
        expect(saved!.selection).toEqual({ kind: 'groups', groupIds: groupIds.slice(1) });
      });
    });

    describe('a subscription of #kpis', () => {
      let id: string;

      it('is saved from the form with its first run at the next Monday 09:00 in Berlin', async () => {
        const view = await openForm('C0KPIS');
        const res = await submit(view, { channel: 'C0KPIS', include: 'kpis', kpiIds });
        expect(JSON.stringify(res.json)).toContain('Subscribed: #kpis gets the weekly digest every Monday at 09:00 (Europe/Berlin); the first on Mon, Nov 30.');
        const [saved] = await subscriptions('C0KPIS');
        expect(saved).toMatchObject({
          ownerUserId: MEMBER,
          selection: { kind: 'kpis', kpiIds },
          weekday: 1,
          time: '09:00',
          zone: 'Europe/Berlin',
          skipWhenUnchanged: false,
          listNotUpdated: true,
          status: 'active',
        });
        expect(saved!.nextRunAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');
        id = saved!.id;
      });

      it('is listed by /kpi digest list with what, when, status and its buttons', async () => {
        const reply = await replyTo(() => h.driver.command('digest list', { channelId: 'C0KPIS' }));
        expect(reply).toContain('Weekly digests in <#C0KPIS>');
        expect(reply).toContain('Churn rate');
        expect(reply).toContain('Mondays at 09:00 (Europe/Berlin)');
        expect(reply).toContain('Active · next <!date^1796025600^');
        for (const actionId of [DigestIds.editButton, DigestIds.pauseButton, DigestIds.sendNowButton, DigestIds.removeButton]) expect(reply).toContain(actionId);
        expect(reply).toContain('Remove this digest?');
      });

      it('opens the same form filled in on Edit', async () => {
        const before = h.slack.views.opened.length;
        await h.driver.action({ actions: [{ action_id: DigestIds.editButton, value: id }], channel: { id: 'C0KPIS' }, user: MEMBER });
        await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
        const viewId = h.slack.views.opened.at(-1)!.id;
        await h.slack.waitFor(() => h.slack.views.byId(viewId)?.callback_id === DigestIds.modal, 10_000);
        const view = JSON.stringify(h.slack.views.byId(viewId));
        expect(view).toContain('Edit weekly digest');
        expect(view).toContain(`\\"subscriptionId\\":\\"${id}\\"`);
        expect(view).toContain('Churn rate');
      });

      it('refuses buttons to someone who is not a member of the channel', async () => {
        const reply = await click(DigestIds.pauseButton, id, OUTSIDER);
        expect(reply).toContain('Only members of #kpis can set up or change its digests');
        expect((await subscriptions('C0KPIS'))[0]!.status).toBe('active');
      });

      it('pauses and resumes', async () => {
        expect(await click(DigestIds.pauseButton, id)).toContain('Paused: #kpis gets no digest until someone resumes it.');
        expect((await subscriptions('C0KPIS'))[0]!.status).toBe('paused');
        const resumed = await click(DigestIds.pauseButton, id);
        expect(resumed).toContain('Resumed');
        expect((await subscriptions('C0KPIS'))[0]!.status).toBe('active');
      });

      it('posts last week’s digest into the channel on Send now', async () => {
        const reply = await click(DigestIds.sendNowButton, id);
        expect(reply).toContain('Sent: the digest of 2026-W47 is in #kpis.');
        const posted = h.slack.messages('C0KPIS').map((m) => JSON.stringify(m));
        expect(posted.some((m) => m.includes('Weekly KPIs — 2026-W47 · Nov 16–22') && m.includes('Churn rate'))).toBe(true);
      });

      it('is removed after the confirm dialog', async () => {
        const reply = await click(DigestIds.removeButton, id);
        expect(reply).toContain('Removed: #kpis no longer gets that digest.');
        expect(reply).toContain('No weekly digest is set up in <#C0KPIS>');
        expect(await subscriptions('C0KPIS')).toEqual([]);
      });
    });
  });
}

describe('the digest modal’s KPI typeahead right after a start', () => {
  it('waits for the first KPI list load instead of answering an empty list', async () => {
    // The first load takes 1 s of real time; the typeahead's 2 s wait runs on the harness's clock,
    // which stands still, so the answer can only come from the finished load.
    const h = await startHarness({ gtmhubFaults: { 'GET /v2/kpis': { latencyMs: 1_000, times: 1 } } });
    try {
      const res = await h.driver.suggestion({ actionId: DigestIds.kpiPicker, blockId: DigestInputIds.kpis.block, value: 'churn', view: { callback_id: DigestIds.modal } });
      expect(res.timedOut).toBe(false);
      expect(JSON.stringify(res.json)).toContain('Churn rate');
    } finally {
      await h.close();
    }
  });
});
