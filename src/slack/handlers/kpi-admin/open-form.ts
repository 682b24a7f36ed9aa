/**
 * Opening the KPI form: `/kpi new` (empty) and *Edit* on the details card (filled in). The
 * submission is reviewed in review.ts and saved in save.ts; *Delete* is in delete.ts.
 */
import type { webApi } from '@slack/bolt';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import { emptyFormValues, fingerprintsOf, formValuesOf } from '../../../kpis/kpi-form.js';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import { loadingModal, resultModal } from '../../views/log-modal.js';
import type { MessageView } from '../../views/messages.js';
import { PROFILE_WAIT_MS, refusalFor } from './access.js';
import { ownerMappingFor } from '../common/people.js';
import type { KpiFormMetadata } from '../../payloads/metadata.js';
import { KPI_FORM_TITLES, kpiFormFor } from './form.js';

export interface OpenKpiFormRequest {
  triggerId: string;
  teamId: string;
  userId: string;
  channelId?: string;
  responseUrl?: string;
}

/**
 * `/kpi new`: the empty form. A loading view goes up first (the trigger_id lives 3 s and the
 * group names may need the catalogue's first load), then the form replaces it. Returns the
 * refusal for users who may not create KPIs.
 */
export async function openNewKpiForm(deps: SlackDeps, client: webApi.WebClient, request: OpenKpiFormRequest): Promise<MessageView | undefined> {
  const refusal = await refusalFor(deps, client, request.userId, 'create', { waitMs: PROFILE_WAIT_MS });
  if (refusal) return noticeMessage(refusal);
  const viewId = await openLoading(client, request.triggerId, 'create', 'Loading the KPI groups…');
  if (!viewId) return undefined;
  try {
    const [catalogue, owners] = await Promise.all([deps.catalogue.get(), ownerMappingFor(deps, request.teamId)]);
    const metadata: KpiFormMetadata = { mode: 'create', ...contextOf(request) };
    const view = kpiFormFor(deps, {
      mode: 'create',
      values: emptyFormValues(),
      groupNames: catalogue.groupNames,
      ownerPicker: owners.knowsSlackUsers,
      privateMetadata: JSON.stringify(metadata),
    });
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    deps.logger.error('could not fill the new KPI form', { error });
    await client.views.update({ view_id: viewId, view: resultModal(describeFailure(error, 'loading the KPI groups'), [], KPI_FORM_TITLES.create) });
  }
  return undefined;
}

/** *Edit* on the details card: the form filled in with the KPI as Gtmhub has it now. */
export async function openEditKpiForm(
  deps: SlackDeps,
  client: webApi.WebClient,
  request: OpenKpiFormRequest & { kpiId: string },
): Promise<MessageView | undefined> {
  const refusal = await refusalFor(deps, client, request.userId, 'edit', { waitMs: PROFILE_WAIT_MS });
  if (refusal) return noticeMessage(refusal);
  const viewId = await openLoading(client, request.triggerId, 'edit', 'Loading the KPI…');
  if (!viewId) return undefined;
  try {
    // plainText: the form edits the description as text, without Gtmhub's mention markup.
    const [kpi, catalogue, owners] = await Promise.all([
      deps.gtmhub.getKpi(request.kpiId, { formatting: 'plainText' }),
      deps.catalogue.get(),
      ownerMappingFor(deps, request.teamId),
    ]);
    const values = formValuesOf(kpi, owners);
    const metadata: KpiFormMetadata = { mode: 'edit', kpiId: kpi.id, ...contextOf(request), shown: fingerprintsOf(values, owners) };
    await client.views.update({
      view_id: viewId,
      view: kpiFormFor(deps, { mode: 'edit', values, groupNames: catalogue.groupNames, ownerPicker: owners.knowsSlackUsers, privateMetadata: JSON.stringify(metadata) }),
    });
  } catch (error) {
    deps.logger.error('could not fill the edit KPI form', { kpiId: request.kpiId, error });
    await client.views.update({ view_id: viewId, view: resultModal(describeFailure(error, 'loading the KPI to edit'), [], KPI_FORM_TITLES.edit) });
  }
  return undefined;
}

async function openLoading(client: webApi.WebClient, triggerId: string, mode: KpiFormMetadata['mode'], what: string): Promise<string | undefined> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(KPI_FORM_TITLES[mode], what) });
  return opened.view?.id;
}

function contextOf(request: OpenKpiFormRequest): Pick<KpiFormMetadata, 'channelId' | 'responseUrl'> {
  return {
    ...(request.channelId ? { channelId: request.channelId } : {}),
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  };
}
