/**
 * A submitted KPI form, judged before the ack (Slack wants the answer within 3 s, so no Gtmhub
 * call here): permission, the fields, what changed, and one claim per view so a second delivery
 * of the same submission is never sent twice.
 */
import type { ViewResponseAction, webApi } from '@slack/bolt';
import type { CreateKpiRequest, UpdateKpiRequest } from '../../../gtmhub/types.js';
import type { Claims } from '../../../kpis/claims.js';
import { planCreate, planUpdate, type DiffField, type KpiFormValues } from '../../../kpis/kpi-form.js';
import type { SlackDeps } from '../../deps.js';
import { parseKpiFormMetadata, type KpiFormMetadata } from '../../payloads/metadata.js';
import type { SubmittedView } from '../../payloads/requests.js';
import { UNREADABLE_REQUEST } from '../../views/help.js';
import { kpiFormErrors, readKpiFormValues } from '../../views/kpi-form.js';
import { loadingModal, resultModal } from '../../views/log-modal.js';
import { PROFILE_WAIT_MS, refusalFor } from './access.js';
import { ownerMappingFor } from '../common/people.js';
import { KPI_FORM_TITLES } from './form.js';

/** The form as submitted, judged without calling Gtmhub (the submission must be answered within 3 s). */
export type KpiFormReview =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'refused'; sentence: string; mode: KpiFormMetadata['mode'] }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'unchanged' }
  | { kind: 'duplicate' }
  | { kind: 'save'; metadata: KpiFormMetadata; values: KpiFormValues; save: KpiSave };

export type KpiSave = { kind: 'create'; request: CreateKpiRequest } | { kind: 'update'; kpiId: string; request: UpdateKpiRequest; changed: DiffField[] };

/**
 * Checks a submission: permission (a forged submission from anyone else is refused too), the
 * fields, and for an edit what changed. A valid one claims the view id in `claims`, so that a
 * second delivery of the same submission never sends a second POST.
 */
export async function reviewKpiForm(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { teamId: string; userId: string; view: SubmittedView },
  claims: Claims,
): Promise<KpiFormReview> {
  const parsedMetadata = parseKpiFormMetadata(input.view.privateMetadata);
  if (!parsedMetadata.ok) return { kind: 'unreadable', reason: parsedMetadata.error };
  const metadata = parsedMetadata.value;
  const refusal = await refusalFor(deps, client, input.userId, metadata.mode, { waitMs: PROFILE_WAIT_MS });
  if (refusal) return { kind: 'refused', sentence: refusal, mode: metadata.mode };
  const values = readKpiFormValues(input.view.state);
  const owners = await ownerMappingFor(deps, input.teamId);
  let save: KpiSave;
  if (metadata.mode === 'edit') {
    if (!metadata.kpiId) return { kind: 'invalid', errors: kpiFormErrors({ name: 'This form lost track of its KPI: close it and click Edit on the KPI again.' }) };
    const plan = planUpdate(values, metadata.shown ?? {}, owners);
    if (!plan.ok) return { kind: 'invalid', errors: kpiFormErrors(plan.errors) };
    if (plan.changed.length === 0) return { kind: 'unchanged' };
    save = { kind: 'update', kpiId: metadata.kpiId, request: plan.request, changed: plan.changed };
  } else {
    const plan = planCreate(values, owners);
    if (!plan.ok) return { kind: 'invalid', errors: kpiFormErrors(plan.errors) };
    save = { kind: 'create', request: plan.request };
  }
  if (!claims.claim(input.view.id)) return { kind: 'duplicate' };
  return { kind: 'save', metadata, values, save };
}

/** What the submission is answered with: errors next to fields, or the modal's next state. */
export function reviewAnswer(review: KpiFormReview): ViewResponseAction | undefined {
  switch (review.kind) {
    case 'unreadable':
      // Without its metadata the form cannot tell a new KPI from an edit: nothing is sent.
      return { response_action: 'update', view: resultModal(UNREADABLE_REQUEST, [], 'KPI form') };
    case 'refused':
      return { response_action: 'update', view: resultModal(review.sentence, [], KPI_FORM_TITLES[review.mode]) };
    case 'invalid':
      return { response_action: 'errors', errors: review.errors };
    case 'unchanged':
      return { response_action: 'update', view: resultModal('Nothing changed, so kpibot sent nothing to Gtmhub.', [], KPI_FORM_TITLES.edit) };
    case 'duplicate':
      // The first delivery is already answering; this one changes nothing.
      return undefined;
    case 'save': {
      const name = review.values.name.trim();
      const doing = review.save.kind === 'create' ? `Creating “${name}” in Gtmhub…` : `Saving your changes to “${name}”…`;
      return { response_action: 'update', view: loadingModal(KPI_FORM_TITLES[review.metadata.mode], doing) };
    }
  }
}
