/**
 * The KPI form built with what the deployment knows (group names, the owner mapping): shared by
 * opening, a refused save that brings the form back, and the review of a submission.
 */
import type { ModalView } from '@slack/types';
import type { KpiFormValues } from '../../../kpis/kpi-form.js';
import type { SlackDeps } from '../../deps.js';
import type { KpiFormMetadata } from '../../payloads/metadata.js';
import { kpiFormModal } from '../../views/kpi-form.js';

export const KPI_FORM_TITLES = { create: 'New KPI', edit: 'Edit KPI' } as const;

/**
 * The form for `values`, with the catalogue's group names (as far as loaded) and the people picker
 * for owners when `ownerPicker` (some Slack member of the workspace has a Gtmhub user).
 */
export function kpiFormFor(
  deps: SlackDeps,
  input: { mode: KpiFormMetadata['mode']; values: KpiFormValues; privateMetadata: string; ownerPicker: boolean; groupNames?: ReadonlyMap<string, string>; error?: string },
): ModalView {
  return kpiFormModal({
    mode: input.mode,
    values: input.values,
    groupNames: input.groupNames ?? deps.catalogue.peek()?.groupNames ?? new Map(),
    ownerPicker: input.ownerPicker,
    privateMetadata: input.privateMetadata,
    ...(input.error === undefined ? {} : { error: input.error }),
  });
}
