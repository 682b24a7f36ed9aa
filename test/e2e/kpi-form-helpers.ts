/**
 * The KPI form as the end-to-end suites drive it: the state Slack sends for a filled-in form, and
 * waiting for the form (or its outcome) to show.
 */
import type { KpiFormValues } from '../../src/kpis/kpi-form.js';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { KpiAdminIds, KpiFormInputIds } from '../../src/slack/ids.js';
import type { Harness } from '../helpers/harness.js';

export type Inputs = Partial<KpiFormValues>;

/** view.state.values as Slack sends it for a form filled in with `inputs` (every input present). */
export function stateOf(inputs: Inputs) {
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
        [ids.groupIds.action]: { type: 'multi_external_select', selected_options: (inputs.groupIds ?? []).map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) },
      },
      [ids.ownerSlackUserIds.block]: { [ids.ownerSlackUserIds.action]: { type: 'multi_users_select', selected_users: inputs.ownerSlackUserIds ?? [] } },
      [ids.ownerIdsText.block]: { [ids.ownerIdsText.action]: text(inputs.ownerIdsText) },
    },
  };
}

/** Sends what opens the form, then waits until the loading view has become the form. */
export async function openedForm(h: Harness, send: () => Promise<unknown>): Promise<SimView> {
  const before = h.slack.views.opened.length;
  await send();
  await h.slack.waitFor(() => h.slack.views.opened.length > before, 10_000);
  const id = h.slack.views.opened.at(-1)!.id;
  await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === KpiAdminIds.formModal, 10_000);
  return h.slack.views.byId(id)!;
}

/** Waits until the modal shows `text` (the outcome replaces "Creating…"). */
export async function modalSaying(h: Harness, viewId: string, text: string): Promise<string> {
  await h.slack.waitFor(() => JSON.stringify(h.slack.views.byId(viewId)?.blocks ?? []).includes(text), 10_000);
  return JSON.stringify(h.slack.views.byId(viewId));
}

