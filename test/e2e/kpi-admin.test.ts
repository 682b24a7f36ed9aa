import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KpiFormValues } from '../../src/kpis/kpi-form.js';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { KpiAdminIds, KpiFormInputIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

const ADMIN = 'U0ADMIN'; // is_admin in the Slack simulator
const LISTED = 'U0KOLKATA'; // no admin, but in KPIBOT_ADMINS below
const MEMBER = 'U0SANDBOX'; // neither
const REFUSAL = 'Only workspace admins and owners, and the people listed in KPIBOT_ADMINS, can create KPIs; ask one of them.';

type Inputs = Partial<KpiFormValues>;

/** view.state.values as Slack sends it for a form filled in with `inputs` (every input present). */
function stateOf(inputs: Inputs) {
  const ids = KpiFormInputIds;
  const text = (v: string | undefined) => ({ type: 'plain_text_input', value: v ?? null });
  const select = (v: string | undefined) => ({ type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null });
  return {
    values: {
      [ids.name.block]: { [ids.name.action]: text(inputs.name) },
      [ids.description.block]: { [ids.description.action]: text(inputs.description) },
      [ids.aggregation.block]: { [ids.aggregation.action]: select(inputs.aggregation) },
      [ids.targetOperator.block]: { [ids.targetOperator.action]: select(inputs.targetOperator) },
      [ids.prefix.block]: { [ids.prefix.action]: text(inputs.prefix) },
      [ids.suffix.block]: { [ids.suffix.action]: text(inputs.suffix) },
      [ids.fractionSize.block]: { [ids.fractionSize.action]: { type: 'number_input', value: inputs.fractionSize ?? null } },
      [ids.groupIds.block]: {
        [ids.groupIds.action]: { type: 'multi_static_select', selected_options: (inputs.groupIds ?? []).map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) },
      },
      [ids.ownerSlackUserIds.block]: { [ids.ownerSlackUserIds.action]: { type: 'multi_users_select', selected_users: inputs.ownerSlackUserIds ?? [] } },
      [ids.ownerIdsText.block]: { [ids.ownerIdsText.action]: text(inputs.ownerIdsText) },
    },
  };
}

type Element = {
  initial_value?: string;
  initial_option?: { value: string };
  initial_options?: Array<{ value: string }>;
  initial_users?: string[];
  options?: Array<{ value: string; text: { text: string } }>;
};

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

/** Sends what opens the form, then waits until the loading view has become the form. */
async function openedForm(h: Harness, send: () => Promise<unknown>): Promise<SimView> {
  const before = h.slack.views.opened.length;
  await send();
  await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
  const id = h.slack.views.opened.at(-1)!.id;
  await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === KpiAdminIds.formModal, 10_000);
  return h.slack.views.byId(id)!;
}

/** Waits until the modal shows `text` (the outcome replaces "Creating…"). */
async function modalSaying(h: Harness, viewId: string, text: string): Promise<string> {
  await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(viewId)?.blocks ?? []).includes(text), 10_000);
  return JSON.stringify(h.slack.views.byId(viewId));
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

    it('opens the new KPI form for a workspace admin, with the groups to choose from', async () => {
      const form = await newForm();
      expect(form.title?.text).toBe('New KPI');
      const groups = form.blocks.find((b) => (b as { block_id?: string }).block_id === KpiFormInputIds.groupIds.block) as { element: Element };
      expect(groups.element.options?.map((o) => o.text.text)).toContain('Sales');
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
  });
}
