/**
 * Helpers of the suites that record KPI values through the log modal: the demo account's KPIs by
 * name, the snapshot POSTs Gtmhub received, and the modal's state as Slack sends it on submit.
 */
import type { RecordedRequest } from '../../src/sandbox/gtmhub/index.js';
import type { SimView } from '../../src/sandbox/slack/index.js';
import { ActionIds, BlockIds, CallbackIds } from '../../src/slack/ids.js';
import type { Harness } from '../helpers/harness.js';

export function kpiNamed(h: Harness, name: string) {
  const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.name === name);
  if (!kpi) throw new Error(`demo data has no KPI named ${name}`);
  return kpi;
}

export function snapshotPosts(h: Harness): RecordedRequest[] {
  return h.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots');
}

/** The log form, once the loading modal opened after `viewsBefore` has been replaced by it. */
export async function openedLogForm(h: Harness, viewsBefore: number): Promise<SimView> {
  await h.slack.waitFor(() => h.slack.views.opened.length > viewsBefore, 10_000);
  const id = h.slack.views.opened.at(-1)!.id;
  await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === CallbackIds.logValueModal, 10_000);
  return h.slack.views.byId(id)!;
}

/** `view.state` of the log modal with a KPI picked (or none), a value typed and a week chosen. */
export function logFormState(kpi: { id: string; name: string } | undefined, value: string, period: string) {
  return {
    values: {
      [BlockIds.kpiPicker]: {
        [ActionIds.kpiPicker]: { type: 'external_select', selected_option: kpi ? { text: { type: 'plain_text', text: kpi.name }, value: kpi.id } : null },
      },
      [BlockIds.value]: { [ActionIds.valueInput]: { type: 'number_input', value } },
      [BlockIds.period]: { [ActionIds.periodSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: period }, value: period } } },
    },
  };
}
