import type { webApi } from '@slack/bolt';
import type { Kpi } from '../../../gtmhub/types.js';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import { describeFailure, operatorHint } from '../../../kpis/failure-sentences.js';
import { loggableWeeks } from '../../../kpis/recent-weeks.js';
import type { SlackDeps } from '../../deps.js';
import type { UserProfile } from '../../user-profiles.js';
import { currentValueText, kpiOptionText, loadingModal, logValueModal, resultModal, type CurrentValue, type LogModalModel } from '../../views/log-modal.js';
import { weekChoices } from '../../views/week-choices.js';
import { kpiFetcher } from '../lookup/lookup.js';
import type { LogModalMetadata } from '../../payloads/metadata.js';
import type { LogModalView } from '../../payloads/requests.js';
import { readLogModalState } from './modal-state.js';

/** Slack refuses a modal whose trigger_id is older than 3 s or already used. */
export const FORM_DID_NOT_OPEN = 'Slack did not let kpibot open the form in time: please try again.';

export interface OpenLogModalRequest {
  triggerId: string;
  userId: string;
  channelId?: string;
  kpiId?: string;
  period?: string;
  candidates?: Kpi[];
  initialValue?: number;
}

/**
 * Opens the log modal. The loading view goes up first, before any other I/O, because the
 * trigger_id expires 3 s after the user acted; the form replaces it once the user's zone and the
 * catalogue are known. Throws only when the modal could not open at all (the caller says so).
 */
export async function openLogModal(deps: SlackDeps, client: webApi.WebClient, request: OpenLogModalRequest): Promise<void> {
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingModal() });
  const viewId = opened.view?.id;
  if (!viewId) return;
  let form;
  try {
    form = await formFor(deps, client, request);
  } catch (error) {
    const hint = operatorHint(error);
    deps.logger.error('could not load what the log modal needs', { error, ...(hint ? { hint } : {}) });
    form = resultModal(`${describeFailure(error, 'loading the KPI list')} Close this form first.`);
  }
  try {
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: form });
  } catch (error) {
    // Not Gtmhub: Slack refused the form itself (invalid_arguments, an expired view…).
    deps.logger.error('Slack refused the log modal', { error });
    const sentence = 'Slack refused to show the form (kpibot logged why): please close this and try again, or use /kpi log <kpi> <value>.';
    await client.views.update({ view_id: viewId, view: resultModal(sentence) }).catch(() => undefined);
  }
}

async function formFor(deps: SlackDeps, client: webApi.WebClient, request: OpenLogModalRequest) {
  const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, request.userId)]);
  const selected = request.kpiId ? (catalogue.byId.get(request.kpiId) ?? (await kpiFetcher(deps)(request.kpiId))) : undefined;
  if (request.kpiId && !selected) return resultModal('That KPI no longer exists in Gtmhub: search for it again with /kpi <name>.');
  // A single candidate is preselected: the user still confirms it with Record.
  const only = request.candidates?.length === 1 ? request.candidates[0] : undefined;
  const model = await formModel(deps, catalogue, profile, {
    selected: selected ?? only,
    period: request.period,
    candidates: request.candidates,
    initialValue: request.initialValue,
    metadata: { ...(request.channelId ? { channelId: request.channelId } : {}) },
  });
  return logValueModal(model);
}

async function formModel(
  deps: SlackDeps,
  catalogue: CatalogueView,
  profile: UserProfile,
  input: { selected?: Kpi | undefined; period?: string | undefined; candidates?: Kpi[] | undefined; initialValue?: number | undefined; metadata: LogModalMetadata },
): Promise<LogModalModel> {
  const periods = weekChoices(loggableWeeks(deps.now(), profile.zone, input.period), profile.locale);
  const choice = (k: Kpi) => ({ id: k.id, label: kpiOptionText(k, catalogue.groupNames) });
  const model: LogModalModel = {
    periods,
    initialPeriod: input.period && periods.some((p) => p.label === input.period) ? input.period : periods[0]!.label,
    privateMetadata: JSON.stringify(input.metadata),
  };
  if (input.selected) {
    model.selectedKpi = choice(input.selected);
    model.currentValue = currentValueText(await currentValueOf(deps, input.selected, profile), input.selected.formatting, profile.locale);
  }
  if (input.candidates) model.candidates = input.candidates.map(choice);
  if (input.initialValue !== undefined) model.initialValue = input.initialValue;
  return model;
}

/** The KPI's latest value in the last 8 weeks, none, or `unreadable` when Gtmhub did not answer. */
async function currentValueOf(deps: SlackDeps, kpi: Kpi, profile: UserProfile): Promise<CurrentValue> {
  try {
    const histories = await deps.recentValues.forKpis([kpi.id], profile.zone, { policy: interactiveWithinTwoSeconds });
    const latest = histories.get(kpi.id)?.latest;
    return latest ? { kind: 'latest', value: latest.value, period: latest.period } : { kind: 'none' };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** A KPI was picked in the modal: show its current value, keeping what the user already entered. */
export async function refreshLogModal(deps: SlackDeps, client: webApi.WebClient, view: LogModalView, userId: string): Promise<void> {
  const state = readLogModalState(view.state);
  const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, userId)]);
  const selected = state.kpiId ? catalogue.byId.get(state.kpiId) : undefined;
  const value = state.valueText !== undefined ? Number(state.valueText) : undefined;
  const model = await formModel(deps, catalogue, profile, {
    selected,
    period: state.period,
    // Keep offering the candidates when the modal was opened with them (a static select).
    candidates: view.candidateIds?.map((id) => catalogue.byId.get(id)).filter((k): k is Kpi => k !== undefined),
    initialValue: value !== undefined && Number.isFinite(value) ? value : undefined,
    metadata: view.metadata,
  });
  try {
    await client.views.update({ view_id: view.id, hash: view.hash, view: logValueModal(model) });
  } catch (error) {
    // hash_conflict: the user changed the modal meanwhile; their newer state wins.
    deps.logger.debug('log modal refresh skipped', { error });
  }
}
