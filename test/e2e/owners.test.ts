/**
 * KPI owners as Slack people, end to end: the Gtmhub simulator's users (paged, emails) and the Slack
 * simulator's members (users.list with emails, a deactivated member, a bot, a shared email), matched
 * by email and by hand. Owners show as mentions on cards, details, Home and digests; the KPI form's
 * people picker round-trips to Gtmhub owner ids; /kpi link, unlink, whoami and mine work, and
 * link/unlink refuse non-admins. No email ever reaches Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUsers, demoSlackMembers, type SimView } from '../../src/sandbox/slack/index.js';
import { manifestBotScopes } from '../../src/sandbox/slack/scopes.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { ActionIds, KpiAdminIds, KpiFormInputIds, PeopleIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { gtmhubUserId, peopleLoaded, TEAM } from './people-helpers.js';
import { modalSaying, openedForm, stateOf, type Inputs } from './kpi-form-helpers.js';
import { nextReply } from './personal-helpers.js';

const ADMIN = 'U0ADMIN';
const MEMBER = 'U0SANDBOX';
const LINK_REFUSAL = 'Only workspace admins and owners, and the people listed in KPIBOT_ADMINS, can link Slack people to Gtmhub users; ask one of them.';


/** A demo KPI among whose owners is `ownerId`. */
function kpiOwnedBy(h: Harness, ownerId: string): Kpi {
  const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.ownerIds.includes(ownerId));
  if (!kpi) throw new Error(`the demo data has no KPI owned by ${ownerId}`);
  return kpi;
}

/** A demo KPI whose only owner is `ownerId` (the demo data gives most KPIs an owner and a reviewer). */
function kpiOwnedOnlyBy(h: Harness, ownerId: string): Kpi {
  const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.ownerIds.length === 1 && k.ownerIds[0] === ownerId);
  if (!kpi) throw new Error(`the demo data has no KPI owned only by ${ownerId}`);
  return kpi;
}


function personState(person: string | undefined, typed?: string) {
  return {
    values: {
      [PeopleIds.person.block]: { [PeopleIds.person.action]: { type: 'users_select', selected_user: person ?? null } },
      ...(typed === undefined ? {} : { [PeopleIds.gtmhubUser.block]: { [PeopleIds.gtmhubUser.action]: { type: 'plain_text_input', value: typed } } }),
    },
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`KPI owners as Slack people ${target.name}`, () => {
    let h: Harness;
    let jane: string;
    let kenji: string;
    let amelie: string;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, slack: { users: [...defaultUsers(), ...demoSlackMembers()] } });
      await h.kpibot.deps.catalogue.get();
      await peopleLoaded(h);
      jane = gtmhubUserId(h, 'jane.doe@example.com');
      kenji = gtmhubUserId(h, 'kenji.watanabe@example.com');
      amelie = gtmhubUserId(h, 'amelie.laurent@example.com');
    });
    afterAll(async () => {
      await h?.close();
    });

    const reply = async (text: string, userId = MEMBER) => (await nextReply(h, () => h.driver.command(text, { userId }))).text;

    /** Sends what opens a link or unlink form and resolves with it once open. */
    async function linkForm(text: 'link' | 'unlink', userId = ADMIN): Promise<SimView> {
      const before = h.slack.views.opened.length;
      await h.driver.command(text, { userId });
      await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
      return h.slack.views.opened.at(-1)!;
    }

    it('shows owners as mentions on cards and details, and as Gtmhub names where no Slack member matches', async () => {
      const janes = kpiOwnedOnlyBy(h, jane);
      const card = await reply(janes.name);
      expect(card).toContain('Owners: <@U0JANE>');
      const details = await reply(`show ${janes.name}`);
      expect(details).toContain('*Owners*\\n<@U0JANE>');
      // Kenji's Slack email differs from his Gtmhub one: his name, never his id.
      const kenjis = kpiOwnedBy(h, kenji);
      const shown = await reply(`show ${kenjis.name}`);
      expect(shown).toMatch(/\*Owners\*\\n[^"]*Kenji Watanabe/);
      expect(shown).not.toContain(kenji);
    });

    it('mentions the owners of KPIs not updated in the digest', async () => {
      const silent = h.gtmhub.state.addKpi({ name: 'Owned and silent', ownerId: jane, ownerIds: [jane, kenji] });
      await h.kpibot.deps.catalogue.refresh();
      const subscription = await h.kpibot.deps.digests!.subscriptions.create({
        teamId: TEAM,
        channelId: 'C0GENERAL',
        ownerUserId: MEMBER,
        selection: { kind: 'kpis', kpiIds: [silent.id] },
        weekday: 1,
        time: '09:00',
        zone: 'Europe/Berlin',
        skipWhenUnchanged: false,
        listNotUpdated: true,
      });
      const result = await h.kpibot.deps.digests!.sendNow(subscription.id);
      expect(JSON.stringify(result)).not.toContain('fail');
      const posted = JSON.stringify(h.slack.messages('C0GENERAL').filter((m) => JSON.stringify(m).includes('Owned and silent')));
      expect(posted).toContain('_not updated_ · owners: <@U0JANE>, Kenji Watanabe');
    });

    it('opens the Home with Your KPIs above the favorites, and owners on favorite KPIs', async () => {
      const janes = kpiOwnedOnlyBy(h, jane);
      const group = janes.groups[0]!;
      await h.kpibot.deps.favorites.toggle(TEAM, 'U0JANE', group);
      const before = h.slack.callsTo('views.publish').length;
      await h.driver.appHomeOpened({ user: 'U0JANE' });
      await h.slack.waitFor(() => h.slack.callsTo('views.publish').length > before, 10_000);
      const home = JSON.stringify(h.slack.views.home('U0JANE')?.blocks ?? []);
      expect(home.indexOf('Your KPIs')).toBeGreaterThanOrEqual(0);
      expect(home.indexOf('Your KPIs')).toBeLessThan(home.indexOf('Your favorite KPIs'));
      expect(home).toContain(janes.name);
      expect(home).toContain('owners: <@U0JANE>');
      expect(h.slack.views.home('U0JANE')!.blocks.length).toBeLessThanOrEqual(100);
    });

    it('/kpi mine lists the KPIs you own with this week’s status and Log value buttons', async () => {
      const owned = [...h.gtmhub.state.kpis.values()].filter((k) => k.ownerIds.includes(jane));
      const mine = await reply('mine', 'U0JANE');
      expect(mine).toContain(`*Your KPIs* · ${owned.length} KPIs`);
      expect(mine).toContain(ActionIds.logValue);
      expect(mine).toMatch(/no value for 2026-W48 yet|updated for 2026-W48/);
      expect(await reply('mine', MEMBER)).toContain('kpibot does not know your Gtmhub user: no Gtmhub user has your Slack email');
    });

    it('/kpi whoami says who you are and how, or why kpibot cannot tell, and never shows an email', async () => {
      expect(await reply('whoami', 'U0JANE')).toContain('your Slack email is the email of that Gtmhub user');
      expect(await reply('whoami', 'U0AMELIE')).toContain('You are the Gtmhub user *Amélie Laurent*');
      expect(await reply('whoami', 'U0FATIMA')).toContain('another Slack member has the same email as you');
      expect(await reply('whoami', 'U0KENJI')).toContain('no Gtmhub user has your Slack email; a KPI admin can link you by hand with /kpi link.');
      expect(h.slack.responses.map((r) => JSON.stringify(r.body)).filter((t) => t.includes('@example.'))).toEqual([]);
    });

    it('refuses /kpi link and /kpi unlink to non-admins, and opens nothing', async () => {
      const opened = h.slack.views.opened.length;
      expect(await reply('link', MEMBER)).toContain(LINK_REFUSAL);
      expect(await reply('unlink', MEMBER)).toContain(LINK_REFUSAL.replace('link Slack people to', 'unlink Slack people from'));
      expect(h.slack.views.opened.length).toBe(opened);
      // A forged submission is refused too, and links nobody.
      const res = await h.driver.submitView({ view: { ...(await linkForm('link')), state: personState('U0KENJI', kenji) }, user: MEMBER });
      expect(JSON.stringify(res.json)).toContain('can link Slack people to Gtmhub users');
      expect(await reply('whoami', 'U0KENJI')).toContain('kpibot does not know your Gtmhub user');
    });

    it('/kpi link links a person by email or id, wins over email, refuses what names nobody, and /kpi unlink undoes it', async () => {
      let form = await linkForm('link');
      expect(form.callback_id).toBe(PeopleIds.linkModal);
      const submit = (state: ReturnType<typeof personState>) => h.driver.submitView({ view: { ...form, state }, user: ADMIN });

      expect((await submit(personState('U0KENJI', '@kenji'))).json).toMatchObject({ response_action: 'errors', errors: { [PeopleIds.gtmhubUser.block]: expect.stringContaining('a Slack @mention does not work here') } });
      expect((await submit(personState('U0KENJI', 'nobody@example.com'))).json).toMatchObject({ response_action: 'errors', errors: { [PeopleIds.gtmhubUser.block]: 'No Gtmhub user has this email: check it, or type their Gtmhub user id.' } });
      expect((await submit(personState('U0STANDUP', kenji))).json).toMatchObject({ response_action: 'errors', errors: { [PeopleIds.person.block]: 'Bots and deactivated members cannot own KPIs: choose a person.' } });

      const linked = await submit(personState('U0KENJI', 'KENJI.Watanabe@example.com'));
      expect(JSON.stringify(linked.json)).toContain('Linked <@U0KENJI> to the Gtmhub user *Kenji Watanabe*');
      expect(JSON.stringify(linked.json)).not.toContain('@example.');
      expect(await reply('whoami', 'U0KENJI')).toContain('linked by hand by <@U0ADMIN>');
      expect(await reply(`show ${kpiOwnedBy(h, kenji).name}`)).toMatch(/\*Owners\*\\n[^"]*<@U0KENJI>/);

      // Jane's Gtmhub user, linked by hand to Amélie: the link wins over Jane's email, and Jane has none.
      form = await linkForm('link');
      await submit(personState('U0AMELIE', jane));
      expect(await reply(`show ${kpiOwnedOnlyBy(h, jane).name}`)).toContain('*Owners*\\n<@U0AMELIE>');
      expect(await reply('whoami', 'U0JANE')).toContain('linked by hand to another Slack member');
      // A Gtmhub user linked to someone else is refused next to the field.
      form = await linkForm('link');
      expect((await submit(personState('U0CARLOS', jane))).json).toMatchObject({ response_action: 'errors', errors: { [PeopleIds.gtmhubUser.block]: expect.stringContaining('unlink them first') } });

      for (const person of ['U0AMELIE', 'U0KENJI']) {
        const unlink = await linkForm('unlink');
        expect(unlink.callback_id).toBe(PeopleIds.unlinkModal);
        const res = await h.driver.submitView({ view: { ...unlink, state: personState(person) }, user: ADMIN });
        expect(JSON.stringify(res.json)).toContain(`Unlinked <@${person}>`);
      }
      expect(await reply(`show ${kpiOwnedOnlyBy(h, jane).name}`)).toContain('*Owners*\\n<@U0JANE>');
      expect(await reply('whoami', 'U0KENJI')).toContain('no Gtmhub user has your Slack email');
    });

    it('round-trips the people picker to Gtmhub owner ids on create and edit, and refuses a person without a Gtmhub user', async () => {
      const form = await openedForm(h, () => h.driver.command('new', { userId: ADMIN, channelId: 'C0GENERAL' }));
      const picker = form.blocks.find((b) => (b as { block_id?: string }).block_id === KpiFormInputIds.ownerSlackUserIds.block) as { element: { type: string } } | undefined;
      expect(picker?.element.type).toBe('multi_users_select');
      const base: Inputs = { name: 'Picked owners', aggregation: 'sum', targetOperator: 'should_increase', fractionSize: '0' };
      const submit = (view: SimView, inputs: Inputs) => h.driver.submitView({ view: { ...view, state: stateOf(inputs) }, user: ADMIN });

      const refused = await submit(form, { ...base, ownerSlackUserIds: ['U0KENJI'] });
      expect(refused.json).toMatchObject({ response_action: 'errors', errors: { [KpiFormInputIds.ownerSlackUserIds.block]: expect.stringContaining('/kpi link') } });

      await submit(form, { ...base, ownerSlackUserIds: ['U0JANE', 'U0AMELIE'] });
      await modalSaying(h, form.id, 'Created “Picked owners”');
      const created = [...h.gtmhub.state.kpis.values()].find((k) => k.name === 'Picked owners')!;
      expect(created.ownerIds).toEqual([jane, amelie]);
      expect(JSON.stringify(h.slack.responses.at(-1)?.body)).toContain('Owners: <@U0JANE>, <@U0AMELIE>');

      const edit = await openedForm(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.editButton, value: created.id }], user: ADMIN, channel: { id: 'C0GENERAL' } }));
      const shown = edit.blocks.find((b) => (b as { block_id?: string }).block_id === KpiFormInputIds.ownerSlackUserIds.block) as { element: { initial_users?: string[] } };
      expect(shown.element.initial_users).toEqual(['U0JANE', 'U0AMELIE']);
      const patches = h.gtmhub.requests.filter((r) => r.route === 'PATCH /v1/kpis/:id').length;
      await submit(edit, { ...base, ownerSlackUserIds: ['U0AMELIE'] });
      await modalSaying(h, edit.id, 'Saved “Picked owners”');
      const patch = h.gtmhub.requests.filter((r) => r.route === 'PATCH /v1/kpis/:id');
      expect(patch).toHaveLength(patches + 1);
      expect(patch.at(-1)!.body).toEqual({ ownerId: amelie, ownerIds: [amelie] });
    });
  });
}

describe('KPI owners when Gtmhub refuses to list its users', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ slack: { users: [...defaultUsers(), ...demoSlackMembers()] } });
    h.gtmhub.state.usersListForbidden = true;
    await h.kpibot.deps.catalogue.get();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows owners as Gtmhub ids, says why once in the log, and still takes a link by id', async () => {
    const deadline = Date.now() + 10_000;
    while (!h.logs.some((l) => l.includes('Gtmhub refused to list its users'))) {
      if (Date.now() > deadline) throw new Error('kpibot never read the users list');
      await h.kpibot.deps.people!.forTeam(TEAM);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const janeId = [...h.gtmhub.state.users.values()].find((u) => u.email === 'jane.doe@example.com')!.id;
    const janes = [...h.gtmhub.state.kpis.values()].find((k) => k.ownerIds.length === 1 && k.ownerIds[0] === janeId)!;
    const details = (await nextReply(h, () => h.driver.command(`show ${janes.name}`))).text;
    expect(details).toContain(`*Owners*\\n${janeId}`);
    expect((await nextReply(h, () => h.driver.command('whoami', { userId: 'U0JANE' }))).text).toContain('Gtmhub does not let kpibot list its users');

    const before = h.slack.views.opened.length;
    await h.driver.command('link', { userId: ADMIN });
    await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
    const form = h.slack.views.opened.at(-1)!;
    const byEmail = await h.driver.submitView({ view: { ...form, state: personState('U0JANE', 'jane.doe@example.com') }, user: ADMIN });
    expect(JSON.stringify(byEmail.json)).toContain('type their Gtmhub user id instead');
    const byId = await h.driver.submitView({ view: { ...form, state: personState('U0JANE', janeId) }, user: ADMIN });
    expect(JSON.stringify(byId.json)).toContain('kpibot could not check this id');
    expect((await nextReply(h, () => h.driver.command(`show ${janes.name}`))).text).toContain('*Owners*\\n<@U0JANE>');
    expect(h.logs.filter((l) => l.includes('Gtmhub refused to list its users'))).toHaveLength(1);
  });
});

describe('KPI owners on an install that lacks users:read.email (installed before the scope was added)', () => {
  let h: Harness;
  beforeAll(async () => {
    const granted = manifestBotScopes().filter((scope) => scope !== 'users:read.email');
    h = await startHarness({ slack: { users: [...defaultUsers(), ...demoSlackMembers()], scopes: granted } });
    await h.kpibot.deps.catalogue.get();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs at start what stays off and how to turn it on, reads no member list, and shows owners by their Gtmhub names', async () => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const view = await h.kpibot.deps.people!.forTeam(TEAM);
      if (view.slackMembers === 'off' && view.gtmhubUsers === 'loaded') break;
      if (Date.now() > deadline) throw new Error(`people did not settle: Slack ${view.slackMembers}, Gtmhub ${view.gtmhubUsers}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(h.logs.filter((l) => l.includes('off until kpibot is reinstalled, because this install lacks users:read.email'))).toHaveLength(1);
    expect(h.slack.callsTo('users.list')).toEqual([]);
    const janeId = [...h.gtmhub.state.users.values()].find((u) => u.email === 'jane.doe@example.com')!.id;
    const janes = [...h.gtmhub.state.kpis.values()].find((k) => k.ownerIds.length === 1 && k.ownerIds[0] === janeId)!;
    expect((await nextReply(h, () => h.driver.command(`show ${janes.name}`))).text).toContain('*Owners*\\nJane Doe');
    expect((await nextReply(h, () => h.driver.command('whoami', { userId: 'U0JANE' }))).text).toContain('kpibot may not read Slack’s member list');
  });
});
