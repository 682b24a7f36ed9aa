import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { ROLE_UNCONFIRMED } from '../../src/kpis/kpi-admins.js';
import { PROFILE_WAIT_MS } from '../../src/slack/handlers/kpi-admin/access.js';
import { KpiAdminIds, KpiFormInputIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { modalSaying, openedForm, stateOf, type Inputs } from './kpi-form-helpers.js';
import { storeTargets } from '../helpers/stores.js';

const ADMIN = 'U0ADMIN'; // is_admin in the Slack simulator
const LISTED = 'U0KOLKATA'; // no admin, but in KPIBOT_ADMINS below
const MEMBER = 'U0SANDBOX'; // neither
const REFUSAL = 'Only workspace admins and owners, and the people listed in KPIBOT_ADMINS, can create KPIs; ask one of them.';

type Element = {
  type?: string;
  initial_value?: string;
  initial_option?: { value: string };
  initial_options?: Array<{ value: string }>;
  initial_users?: string[];
  options?: Array<{ value: string; text: { text: string } }>;
  hint?: { text: string };
};

function blockOf(view: SimView, input: keyof typeof KpiFormInputIds): { element: Element; hint?: { text: string } } | undefined {
  return view.blocks.find((b) => (b as { block_id?: string }).block_id === KpiFormInputIds[input].block) as { element: Element; hint?: { text: string } } | undefined;
}

/** What a form shows before the user touches it, read from its blocks' initial values. */
function shownInputs(view: SimView): Inputs {
  const element = (input: keyof typeof KpiFormInputIds): Element | undefined =>
    (view.blocks.find((b) => (b as { block_id?: string }).block_id === KpiFormInputIds[input].block) as { element?: Element } | undefined)?.element;
  return {
    name: element('name')?.initial_value,
    description: element('description')?.initial_value,
    aggregation: element('aggregation')?.initial_option?.value,
    targetOperator: element('targetOperator')?.initial_option?.value,
    prefix: element('prefix')?.initial_value,
    suffix: element('suffix')?.initial_value,
    fractionSize: element('fractionSize')?.initial_value,
    groupIds: element('groupIds')?.initial_options?.map((o) => o.value),
    ownerSlackUserIds: element('ownerSlackUserIds')?.initial_users,
    ownerIdsText: element('ownerIdsText')?.initial_value,
  };
}

function requestsTo(h: Harness, route: string) {
  return h.gtmhub.requests.filter((r) => r.route === route);
}

function groupId(h: Harness, name: string): string {
  const group = [...h.gtmhub.state.groups.values()].find((g) => g.name === name);
  if (!group) throw new Error(`demo data has no group ${name}`);
  return group.id;
}

function kpiNamed(h: Harness, name: string) {
  return [...h.gtmhub.state.kpis.values()].find((k) => k.name === name);
}

async function nextReply(h: Harness, send: () => Promise<unknown>): Promise<string> {
  const before = h.slack.responses.length;
  await send();
  await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
  return JSON.stringify(h.slack.responses.at(-1)?.body);
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`administering KPIs from Slack ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, env: { KPIBOT_ADMINS: LISTED } });
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    const newForm = (user = ADMIN) => openedForm(h, () => h.driver.command('new', { userId: user, channelId: 'C0GENERAL' }));
    const submit = (view: SimView, inputs: Inputs, user = ADMIN) => h.driver.submitView({ view: { ...view, state: stateOf(inputs) }, user });

    /** The options the groups typeahead of `form` answers for what was typed. */
    async function groupSuggestions(form: SimView, typed: string): Promise<Array<{ value: string; text: { text: string } }>> {
      const res = await h.driver.suggestion({ actionId: KpiFormInputIds.groupIds.action, blockId: KpiFormInputIds.groupIds.block, value: typed, view: form, user: ADMIN });
      return (res.json as { options: Array<{ value: string; text: { text: string } }> }).options;
    }

    it('opens the new KPI form for a workspace admin, with a typeahead over the groups', async () => {
      const form = await newForm();
      expect(form.title?.text).toBe('New KPI');
      expect(blockOf(form, 'groupIds')?.element.type).toBe('multi_external_select');
      expect((await groupSuggestions(form, 'sal')).map((o) => o.text.text)).toContain('Sales');
    });

    it('shows only the Gtmhub user ids field for owners, saying owners are Gtmhub users, when no Slack user is mapped to one', async () => {
      const form = await newForm();
      expect(blockOf(form, 'ownerSlackUserIds')).toBeUndefined();
      expect(blockOf(form, 'ownerIdsText')?.hint?.text).toContain('Owners are Gtmhub users: type their Gtmhub user ids');
    });

    it('opens the new KPI form for someone listed in KPIBOT_ADMINS who is no workspace admin', async () => {
      const form = await newForm(LISTED);
      expect(form.callback_id).toBe(KpiAdminIds.formModal);
    });

    it('refuses /kpi new to anyone else, saying who can, and opens nothing', async () => {
      const opened = h.slack.views.opened.length;
      const reply = await nextReply(h, () => h.driver.command('new', { userId: MEMBER }));
      expect(reply).toContain(REFUSAL);
      expect(h.slack.views.opened).toHaveLength(opened);
    });

    it('refuses a forged submission from a non-admin and sends nothing to Gtmhub', async () => {
      const form = await newForm();
      const posts = requestsTo(h, 'POST /v1/kpis').length;
      const res = await submit(form, { name: 'Forged KPI', aggregation: 'sum', targetOperator: 'should_increase', fractionSize: '0' }, MEMBER);
      expect(res.json).toMatchObject({ response_action: 'update' });
      expect(JSON.stringify(res.json)).toContain(REFUSAL);
      expect(requestsTo(h, 'POST /v1/kpis')).toHaveLength(posts);
    });

    it('creates the KPI with exactly the submitted fields, replies with its card, and finds it at once', async () => {
      const form = await newForm();
      const [sales, marketing] = [groupId(h, 'Sales'), groupId(h, 'Marketing')];
      const before = h.slack.responses.length;
      const res = await submit(form, {
        name: 'Trial conversions EMEA',
        description: 'Trials that became paying accounts in EMEA.',
        aggregation: 'average',
        targetOperator: 'should_increase',
        suffix: '%',
        fractionSize: '1',
        groupIds: [sales, marketing],
        ownerIdsText: 'u-owner-1, u-owner-2',
      });
      expect(res.json).toMatchObject({ response_action: 'update' });
      await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
      const created = kpiNamed(h, 'Trial conversions EMEA');
      expect(created).toMatchObject({
        description: 'Trials that became paying accounts in EMEA.',
        aggregation: 'average',
        targetOperator: 'should_increase',
        formatting: { fractionSize: 1, prefix: '', suffix: '%' },
        groups: [sales, marketing],
        ownerId: 'u-owner-1',
        ownerIds: ['u-owner-1', 'u-owner-2'],
      });
      const reply = JSON.stringify(h.slack.responses.at(-1)?.body);
      expect(reply).toContain('Created “Trial conversions EMEA” in Gtmhub.');
      expect(reply).toContain('Log value');
      expect(h.slack.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });
      await modalSaying(h, form.id, 'Created “Trial conversions EMEA”');
      expect(await nextReply(h, () => h.driver.command('Trial conversions EMEA'))).toContain('Trial conversions EMEA');
    });

    it('sends one POST when the same submission arrives twice', async () => {
      const form = await newForm();
      const posts = requestsTo(h, 'POST /v1/kpis').length;
      const inputs = { name: 'Twice submitted', aggregation: 'sum', targetOperator: 'should_increase', fractionSize: '0' };
      await Promise.all([submit(form, inputs), submit(form, inputs)]);
      await modalSaying(h, form.id, 'Created “Twice submitted”');
      await submit(form, inputs);
      expect(requestsTo(h, 'POST /v1/kpis')).toHaveLength(posts + 1);
      expect([...h.gtmhub.state.kpis.values()].filter((k) => k.name === 'Twice submitted')).toHaveLength(1);
    });

    it('shows what to fix next to each field and sends nothing', async () => {
      const form = await newForm();
      const posts = requestsTo(h, 'POST /v1/kpis').length;
      const res = await submit(form, { name: '  ', aggregation: 'median', targetOperator: 'should_increase', fractionSize: '11' });
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: {
          [KpiFormInputIds.name.block]: 'Give the KPI a name.',
          [KpiFormInputIds.aggregation.block]: 'Choose one of last, sum, average.',
          [KpiFormInputIds.fractionSize.block]: 'Decimals must be a whole number from 0 to 10.',
        },
      });
      expect(requestsTo(h, 'POST /v1/kpis')).toHaveLength(posts);
    });

    it('shows Gtmhub’s refusal in the form, keeps what was typed, and lets the user submit again', async () => {
      h.gtmhub.faults.set('POST /v1/kpis', { status: 400, body: { message: 'A KPI with this name already exists.' }, times: 1 });
      const form = await newForm();
      const inputs = { name: 'Refused at first', description: 'Kept after the refusal.', aggregation: 'last', targetOperator: 'should_decrease', fractionSize: '2' };
      await submit(form, inputs);
      const refused = await modalSaying(h, form.id, 'A KPI with this name already exists');
      expect(refused).toContain('Gtmhub refused the request while creating “Refused at first”');
      const again = h.slack.views.byId(form.id)!;
      expect(again.callback_id).toBe(KpiAdminIds.formModal);
      expect(shownInputs(again)).toMatchObject(inputs);
      await submit(again, inputs);
      await modalSaying(h, form.id, 'Created “Refused at first”');
      expect(kpiNamed(h, 'Refused at first')).toMatchObject({ targetOperator: 'should_decrease', formatting: { fractionSize: 2 } });
    });

    it('says a KPI may or may not have been created when Gtmhub fails, having sent the POST once', async () => {
      h.gtmhub.faults.set('POST /v1/kpis', { status: 503, times: 1 });
      const form = await newForm();
      const posts = requestsTo(h, 'POST /v1/kpis').length;
      await submit(form, { name: 'Unsure outcome', aggregation: 'sum', targetOperator: 'should_increase', fractionSize: '0' });
      const modal = await modalSaying(h, form.id, 'may or may not have created');
      expect(modal).toContain('check with /kpi Unsure outcome before trying again');
      expect(requestsTo(h, 'POST /v1/kpis')).toHaveLength(posts + 1);
    });

    it('offers Edit and Delete on the details only to people who may administer KPIs', async () => {
      const admin = await nextReply(h, () => h.driver.command('show Churn rate', { userId: ADMIN }));
      expect(admin).toContain(KpiAdminIds.editButton);
      expect(admin).toContain(KpiAdminIds.deleteButton);
      expect(admin).toContain('together with its snapshots');
      const member = await nextReply(h, () => h.driver.command('show Churn rate', { userId: MEMBER }));
      expect(member).not.toContain(KpiAdminIds.editButton);
      expect(member).not.toContain(KpiAdminIds.deleteButton);
    });

    it('sends only the changed fields when a KPI is edited', async () => {
      const kpi = kpiNamed(h, 'Support backlog')!;
      const form = await openedForm(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.editButton, value: kpi.id }], user: ADMIN, channel: { id: 'C0GENERAL' } }));
      expect(form.title?.text).toBe('Edit KPI');
      const shown = shownInputs(form);
      expect(shown).toMatchObject({ name: 'Support backlog', aggregation: kpi.aggregation, targetOperator: kpi.targetOperator });
      const patches = requestsTo(h, 'PATCH /v1/kpis/:id').length;
      const before = h.slack.responses.length;
      await submit(form, { ...shown, name: 'Open support tickets', suffix: ' tickets' });
      await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
      expect(requestsTo(h, 'PATCH /v1/kpis/:id')).toHaveLength(patches + 1);
      expect(requestsTo(h, 'PATCH /v1/kpis/:id').at(-1)!.body).toEqual({
        name: 'Open support tickets',
        formatting: { fractionSize: kpi.formatting.fractionSize, prefix: kpi.formatting.prefix, suffix: ' tickets' },
      });
      expect(JSON.stringify(h.slack.responses.at(-1)?.body)).toContain('Saved “Open support tickets”: changed name and formatting.');
      expect(await nextReply(h, () => h.driver.command('Open support tickets'))).toContain('Open support tickets');
    });

    it('sends nothing when an edit changes nothing, and says so', async () => {
      const kpi = kpiNamed(h, 'Uptime')!;
      const form = await openedForm(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.editButton, value: kpi.id }], user: LISTED, channel: { id: 'C0GENERAL' } }));
      const patches = requestsTo(h, 'PATCH /v1/kpis/:id').length;
      const res = await submit(form, shownInputs(form), LISTED);
      expect(JSON.stringify(res.json)).toContain('Nothing changed, so kpibot sent nothing to Gtmhub.');
      expect(requestsTo(h, 'PATCH /v1/kpis/:id')).toHaveLength(patches);
    });

    it('refuses a forged edit from a non-admin', async () => {
      const kpi = kpiNamed(h, 'Uptime')!;
      const form = await openedForm(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.editButton, value: kpi.id }], user: ADMIN, channel: { id: 'C0GENERAL' } }));
      const patches = requestsTo(h, 'PATCH /v1/kpis/:id').length;
      const res = await submit(form, { ...shownInputs(form), name: 'Hijacked' }, MEMBER);
      expect(JSON.stringify(res.json)).toContain('can edit KPIs');
      expect(requestsTo(h, 'PATCH /v1/kpis/:id')).toHaveLength(patches);
    });

    it('offers groups past the first 100 names in the typeahead, and at most 100 at a time', async () => {
      for (let i = 0; i < 120; i++) h.gtmhub.state.addGroup(`Zone ${String(i).padStart(3, '0')}`);
      await h.kpibot.deps.catalogue.refresh();
      const form = await newForm();
      expect((await groupSuggestions(form, 'zone 119')).map((o) => o.text.text)).toEqual(['Zone 119']);
      expect(await groupSuggestions(form, '')).toHaveLength(100);
    });

    it('keeps every group of a KPI in more than 100 groups when another field is edited', async () => {
      const groups = Array.from({ length: 101 }, (_, i) => h.gtmhub.state.addGroup(`Branch ${String(i).padStart(3, '0')}`).id);
      const kpi = h.gtmhub.state.addKpi({ name: 'Everywhere', groups });
      await h.kpibot.deps.catalogue.refresh();
      const form = await openedForm(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.editButton, value: kpi.id }], user: ADMIN, channel: { id: 'C0GENERAL' } }));
      const shown = shownInputs(form);
      expect(shown.groupIds).toHaveLength(101);
      const patches = requestsTo(h, 'PATCH /v1/kpis/:id').length;
      const before = h.slack.responses.length;
      await submit(form, { ...shown, name: 'Everywhere at once' });
      await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
      expect(requestsTo(h, 'PATCH /v1/kpis/:id')).toHaveLength(patches + 1);
      expect(requestsTo(h, 'PATCH /v1/kpis/:id').at(-1)!.body).toEqual({ name: 'Everywhere at once' });
      expect(h.gtmhub.state.kpis.get(kpi.id)?.groups).toHaveLength(101);
    });

    it('deletes a KPI with its snapshots after confirmation, and the catalogue forgets it', async () => {
      const kpi = kpiNamed(h, 'Open positions')!;
      expect(h.gtmhub.state.snapshots.get(kpi.id)?.length).toBeGreaterThan(0);
      const reply = await nextReply(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.deleteButton, value: kpi.id }], user: ADMIN, channel: { id: 'C0GENERAL' } }));
      expect(reply).toContain('Deleted “Open positions” and all its recorded values from Gtmhub.');
      expect(h.gtmhub.state.kpis.has(kpi.id)).toBe(false);
      expect(h.gtmhub.state.snapshots.has(kpi.id)).toBe(false);
      expect(h.kpibot.deps.catalogue.peek()?.byId.has(kpi.id)).toBe(false);
      expect(await nextReply(h, () => h.driver.command('show Open positions'))).toContain('No KPI matches');
    });

    it('refuses a delete from a non-admin and deletes nothing', async () => {
      const kpi = kpiNamed(h, 'Burn rate')!;
      const reply = await nextReply(h, () => h.driver.action({ actions: [{ action_id: KpiAdminIds.deleteButton, value: kpi.id }], user: MEMBER, channel: { id: 'C0GENERAL' } }));
      expect(reply).toContain('can delete KPIs; ask one of them.');
      expect(h.gtmhub.state.kpis.has(kpi.id)).toBe(true);
      expect(requestsTo(h, 'DELETE /v1/kpis/:id').filter((r) => r.path.endsWith(kpi.id))).toHaveLength(0);
    });

    // Last: the rate-limited users.info holds the app's Slack client for a few seconds.
    it('says it could not confirm the role, rather than refusing, when Slack takes too long to say who is an admin', async () => {
      const user = 'U0SLOWADMIN';
      h.slack.addUser({ id: user, name: 'slow.admin', real_name: 'Slow Admin', tz: 'UTC', tz_label: 'UTC', tz_offset: 0, locale: 'en-US', is_admin: true, is_owner: false });
      // Slack answers users.info only after Retry-After (real time); kpibot's 1.5 s wait for it runs
      // out on its clock as soon as it starts, so the role is never known in time.
      h.slack.failNext('users.info', { status: 429, retryAfterSeconds: 3 });
      const opened = h.slack.views.opened.length;
      const reply = await nextReply(h, async () => {
        await h.driver.command('new', { userId: user });
        await h.clock.runOut(PROFILE_WAIT_MS);
      });
      expect(reply).toContain(ROLE_UNCONFIRMED);
      expect(reply).not.toContain('Only workspace admins');
      expect(h.slack.views.opened).toHaveLength(opened);
    });
  });
}
