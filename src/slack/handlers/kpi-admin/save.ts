/**
 * Sending a reviewed KPI form to Gtmhub (POST or PATCH, as the user) and saying what became of it:
 * in the modal, and with the KPI's card in the conversation the user started from.
 */
import type { webApi } from '@slack/bolt';
import { GtmhubError } from '../../../gtmhub/errors.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { Claims } from '../../../kpis/claims.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import type { DiffField } from '../../../kpis/kpi-form.js';
import type { SlackDeps } from '../../deps.js';
import { kpiSavedMessage, type KpiCardModel } from '../../views/kpi-card.js';
import { resultModal } from '../../views/log-modal.js';
import type { KpiFormMetadata } from '../../payloads/metadata.js';
import { KPI_FORM_TITLES, kpiFormFor } from './form.js';
import type { SubmittedView } from '../../payloads/requests.js';
import type { KpiFormReview } from './review.js';
import { cardsFor } from '../lookup/lookup.js';
import { replyToResponseUrl } from '../common/response-url.js';

import { ownerMappingFor } from '../common/people.js';
/**
 * Sends a reviewed submission to Gtmhub as the user (their own token when they connected one) and
 * shows the outcome: the modal says what happened, and the conversation the user started from gets
 * the KPI's card. A refusal brings the form back, filled in, with Gtmhub's reason on top.
 */
export async function saveKpiForm(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { view: SubmittedView; teamId: string; userId: string; review: Extract<KpiFormReview, { kind: 'save' }> },
  claims: Claims,
): Promise<void> {
  const { review, view } = input;
  const { save, metadata } = review;
  const name = review.values.name.trim();
  const update = (next: Parameters<typeof client.views.update>[0] & object): Promise<unknown> =>
    client.views.update(next).catch((error: unknown) => deps.logger.warn('could not update the KPI form', { error }));
  let kpi: Kpi | undefined;
  try {
    const gtmhub = await deps.gtmhubFor(input.teamId, input.userId);
    kpi =
      save.kind === 'create'
        ? await gtmhub.createKpi(save.request)
        : ((await gtmhub.updateKpi(save.kpiId, save.request)) ?? (await freshKpi(deps, save.kpiId)));
  } catch (error) {
    deps.logger.error(save.kind === 'create' ? 'creating a KPI failed' : 'editing a KPI failed', { error, ...(save.kind === 'update' ? { kpiId: save.kpiId } : {}) });
    if (error instanceof GtmhubError && error.mayHaveBeenProcessed) {
      // Sent once and never repeated: the user checks before anything is sent again, so the claim stays.
      const verb = save.kind === 'create' ? 'created' : 'saved';
      await update({ view_id: view.id, view: resultModal(`Gtmhub failed before confirming, so it may or may not have ${verb} “${name}”: check with /kpi ${name} before trying again.`, [], KPI_FORM_TITLES[metadata.mode]) });
      return;
    }
    claims.release(view.id);
    // The picker stays while it holds people, so that the form comes back as the user left it.
    const ownerPicker = review.values.ownerSlackUserIds.length > 0 || (await ownerMappingFor(deps, input.teamId)).knowsSlackUsers;
    const doing = save.kind === 'create' ? `creating “${name}”` : `saving “${name}”`;
    await update({
      view_id: view.id,
      view: kpiFormFor(deps, { mode: metadata.mode, values: review.values, ownerPicker, error: describeFailure(error, doing), privateMetadata: view.privateMetadata }),
    });
    return;
  }
  if (kpi) deps.catalogue.upsert(kpi);
  else deps.catalogue.refreshInBackground();
  const outcome = save.kind === 'create' ? `Created “${kpi?.name ?? name}” in Gtmhub.` : `Saved “${kpi?.name ?? name}”: changed ${changedWords(save.changed)}.`;
  const replied = await replyWithCard(deps, client, input.teamId, input.userId, metadata, outcome, kpi);
  const where = replied ? ' Its card is in the conversation you started from.' : ` Find it with /kpi ${kpi?.name ?? name}.`;
  await update({ view_id: view.id, view: resultModal(`${outcome}${where}`, [], KPI_FORM_TITLES[metadata.mode]) });
}

/** The KPI after a PATCH whose answer was not a KPI; undefined (the catalogue refreshes) when it cannot be read. */
async function freshKpi(deps: SlackDeps, kpiId: string): Promise<Kpi | undefined> {
  try {
    return await deps.gtmhub.getKpi(kpiId);
  } catch (error) {
    deps.logger.warn('the edited KPI could not be read back', { kpiId, error });
    return undefined;
  }
}

/** Replies where the user started: the outcome and, when the KPI is known, its card. */
async function replyWithCard(deps: SlackDeps, client: webApi.WebClient, teamId: string, userId: string, metadata: KpiFormMetadata, outcome: string, kpi: Kpi | undefined): Promise<boolean> {
  if (!metadata.responseUrl) return false;
  let card: KpiCardModel | undefined;
  if (kpi) {
    try {
      const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, userId)]);
      [card] = await cardsFor(deps, catalogue, [kpi], profile, teamId);
    } catch (error) {
      deps.logger.warn('the KPI card could not be built', { error });
    }
  }
  return replyToResponseUrl(deps.responseUrls, metadata.responseUrl, kpiSavedMessage(outcome, card), deps.logger);
}

const FIELD_WORDS: Record<DiffField, string> = {
  name: 'name',
  description: 'description',
  aggregation: 'aggregation',
  targetOperator: 'target',
  formatting: 'formatting',
  groups: 'groups',
  owners: 'owners',
};

function changedWords(fields: readonly DiffField[]): string {
  const words = fields.map((f) => FIELD_WORDS[f]);
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
