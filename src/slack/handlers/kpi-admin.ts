import type { ViewResponseAction, webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { GtmhubError, GtmhubNotFoundError } from '../../gtmhub/errors.js';
import type { CreateKpiRequest, Kpi, UpdateKpiRequest } from '../../gtmhub/types.js';
import type { Claims } from '../../kpis/claims.js';
import { describeFailure } from '../../kpis/failure-sentences.js';
import {
  emptyFormValues,
  fingerprintsOf,
  formValuesOf,
  planCreate,
  planUpdate,
  type DiffField,
  type FieldFingerprints,
  type KpiFormValues,
} from '../../kpis/kpi-form.js';
import type { SlackDeps } from '../deps.js';
import { escapeMrkdwn, section } from '../views/blocks.js';
import { noticeMessage } from '../views/help.js';
import { kpiCardBlocks } from '../views/kpi-card.js';
import { kpiFormErrors, kpiFormModal, readKpiFormValues, type KpiFormStateValues } from '../views/kpi-form.js';
import { loadingModal, resultModal } from '../views/log-modal.js';
import type { MessageView } from '../views/messages.js';
import { kpiAdministrationOf, refusalFor } from './kpi-admin-access.js';
import { cardsFor } from './lookup.js';
import { replyToResponseUrl } from './response-url.js';

/** What the KPI form carries through Slack in private_metadata. */
export interface KpiFormMetadata {
  mode: 'create' | 'edit';
  /** Edit: the KPI being edited. */
  kpiId?: string;
  /** Where the user started (the command's or the button's conversation), for the reply with the card. */
  channelId?: string;
  responseUrl?: string;
  /** Edit: what the form showed, to send only what changed (see kpi-form.ts). */
  shown?: FieldFingerprints;
}

const TITLES = { create: 'New KPI', edit: 'Edit KPI' } as const;

/** Slack answers within 3 s: the users.info wait before a views.open or an ack is bounded by this. */
const PROFILE_WAIT_MS = 1_500;

export interface OpenKpiFormRequest {
  triggerId: string;
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
    const catalogue = await deps.catalogue.get();
    const metadata: KpiFormMetadata = { mode: 'create', ...contextOf(request) };
    const view = kpiFormModal({ mode: 'create', values: emptyFormValues(), groups: groupChoices(catalogue.groupNames), privateMetadata: JSON.stringify(metadata) });
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    deps.logger.error('could not fill the new KPI form', { error });
    await client.views.update({ view_id: viewId, view: resultModal(describeFailure(error, 'loading the KPI groups'), [], TITLES.create) });
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
    const [kpi, catalogue] = await Promise.all([deps.gtmhub.getKpi(request.kpiId, { formatting: 'plainText' }), deps.catalogue.get()]);
    const { owners } = kpiAdministrationOf(deps);
    const values = formValuesOf(kpi, owners);
    const metadata: KpiFormMetadata = { mode: 'edit', kpiId: kpi.id, ...contextOf(request), shown: fingerprintsOf(values, owners) };
    await client.views.update({
      view_id: viewId,
      view: kpiFormModal({ mode: 'edit', values, groups: groupChoices(catalogue.groupNames), privateMetadata: JSON.stringify(metadata) }),
    });
  } catch (error) {
    deps.logger.error('could not fill the edit KPI form', { kpiId: request.kpiId, error });
    await client.views.update({ view_id: viewId, view: resultModal(describeFailure(error, 'loading the KPI to edit'), [], TITLES.edit) });
  }
  return undefined;
}

/** The form as submitted, judged without calling Gtmhub (the submission must be answered within 3 s). */
export type KpiFormReview =
  | { kind: 'refused'; sentence: string; mode: KpiFormMetadata['mode'] }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'unchanged' }
  | { kind: 'duplicate' }
  | { kind: 'save'; metadata: KpiFormMetadata; values: KpiFormValues; save: KpiSave };

export type KpiSave = { kind: 'create'; request: CreateKpiRequest } | { kind: 'update'; kpiId: string; request: UpdateKpiRequest; changed: DiffField[] };

export interface SubmittedKpiForm {
  id: string;
  private_metadata: string;
  state: { values: KpiFormStateValues };
}

/**
 * Checks a submission: permission (a forged submission from anyone else is refused too), the
 * fields, and for an edit what changed. A valid one claims the view id in `claims`, so that a
 * second delivery of the same submission never sends a second POST.
 */
export async function reviewKpiForm(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { userId: string; view: SubmittedKpiForm },
  claims: Claims,
): Promise<KpiFormReview> {
  const metadata = parseKpiFormMetadata(input.view.private_metadata);
  const refusal = await refusalFor(deps, client, input.userId, metadata.mode, { waitMs: PROFILE_WAIT_MS });
  if (refusal) return { kind: 'refused', sentence: refusal, mode: metadata.mode };
  const values = readKpiFormValues(input.view.state.values);
  const { owners } = kpiAdministrationOf(deps);
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
    case 'refused':
      return { response_action: 'update', view: resultModal(review.sentence, [], TITLES[review.mode]) };
    case 'invalid':
      return { response_action: 'errors', errors: review.errors };
    case 'unchanged':
      return { response_action: 'update', view: resultModal('Nothing changed, so kpibot sent nothing to Gtmhub.', [], TITLES.edit) };
    case 'duplicate':
      // The first delivery is already answering; this one changes nothing.
      return undefined;
    case 'save': {
      const name = review.values.name.trim();
      const doing = review.save.kind === 'create' ? `Creating “${name}” in Gtmhub…` : `Saving your changes to “${name}”…`;
      return { response_action: 'update', view: loadingModal(TITLES[review.metadata.mode], doing) };
    }
  }
}

/**
 * Sends a reviewed submission to Gtmhub as the user (their own token when they connected one) and
 * shows the outcome: the modal says what happened, and the conversation the user started from gets
 * the KPI's card. A refusal brings the form back, filled in, with Gtmhub's reason on top.
 */
export async function saveKpiForm(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { view: SubmittedKpiForm; teamId: string; userId: string; review: Extract<KpiFormReview, { kind: 'save' }> },
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
      await update({ view_id: view.id, view: resultModal(`Gtmhub failed before confirming, so it may or may not have ${verb} “${name}”: check with /kpi ${name} before trying again.`, [], TITLES[metadata.mode]) });
      return;
    }
    claims.release(view.id);
    const doing = save.kind === 'create' ? `creating “${name}”` : `saving “${name}”`;
    const groups = groupChoices(deps.catalogue.peek()?.groupNames ?? new Map());
    await update({
      view_id: view.id,
      view: kpiFormModal({ mode: metadata.mode, values: review.values, groups, error: describeFailure(error, doing), privateMetadata: view.private_metadata }),
    });
    return;
  }
  if (kpi) deps.catalogue.upsert(kpi);
  else deps.catalogue.refreshInBackground();
  const outcome = save.kind === 'create' ? `Created “${kpi?.name ?? name}” in Gtmhub.` : `Saved “${kpi?.name ?? name}”: changed ${changedWords(save.changed)}.`;
  const replied = await replyWithCard(deps, client, input.userId, metadata, outcome, kpi);
  const where = replied ? ' Its card is in the conversation you started from.' : ` Find it with /kpi ${kpi?.name ?? name}.`;
  await update({ view_id: view.id, view: resultModal(`${outcome}${where}`, [], TITLES[metadata.mode]) });
}

/** *Delete* (after Slack's confirm dialog): the KPI and its snapshots go; the catalogue and the value cache forget it. */
export async function deleteKpiFromSlack(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { teamId: string; userId: string; kpiId: string },
): Promise<MessageView> {
  const refusal = await refusalFor(deps, client, input.userId, 'delete');
  if (refusal) return noticeMessage(refusal);
  const known = deps.catalogue.peek()?.byId.get(input.kpiId)?.name;
  const label = known ? `“${known}”` : `the KPI ${input.kpiId}`;
  const forget = (): void => {
    deps.catalogue.remove(input.kpiId);
    deps.recentValues.invalidate(input.kpiId);
  };
  try {
    await (await deps.gtmhubFor(input.teamId, input.userId)).deleteKpi(input.kpiId);
  } catch (error) {
    if (error instanceof GtmhubNotFoundError) {
      forget();
      return noticeMessage(`${capitalized(label)} was already deleted from Gtmhub.`);
    }
    deps.logger.error('deleting a KPI failed', { kpiId: input.kpiId, error });
    return noticeMessage(describeFailure(error, `deleting ${label}`));
  }
  forget();
  return noticeMessage(`Deleted ${label} and all its recorded values from Gtmhub.`);
}

export function parseKpiFormMetadata(text: string | undefined): KpiFormMetadata {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<KpiFormMetadata> | null;
    if (parsed === null || typeof parsed !== 'object') return { mode: 'create' };
    const string = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const metadata: KpiFormMetadata = { mode: parsed.mode === 'edit' ? 'edit' : 'create' };
    const kpiId = string(parsed.kpiId);
    const channelId = string(parsed.channelId);
    const responseUrl = string(parsed.responseUrl);
    if (kpiId) metadata.kpiId = kpiId;
    if (channelId) metadata.channelId = channelId;
    if (responseUrl) metadata.responseUrl = responseUrl;
    if (parsed.shown && typeof parsed.shown === 'object') metadata.shown = parsed.shown;
    return metadata;
  } catch {
    return { mode: 'create' };
  }
}

// ---------------------------------------------------------------------------------------------

async function openLoading(client: webApi.WebClient, triggerId: string, mode: KpiFormMetadata['mode'], what: string): Promise<string | undefined> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(TITLES[mode], what) });
  return opened.view?.id;
}

function contextOf(request: OpenKpiFormRequest): Pick<KpiFormMetadata, 'channelId' | 'responseUrl'> {
  return {
    ...(request.channelId ? { channelId: request.channelId } : {}),
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  };
}

function groupChoices(groupNames: ReadonlyMap<string, string>): Array<{ id: string; name: string }> {
  return [...groupNames].map(([id, name]) => ({ id, name }));
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
async function replyWithCard(deps: SlackDeps, client: webApi.WebClient, userId: string, metadata: KpiFormMetadata, outcome: string, kpi: Kpi | undefined): Promise<boolean> {
  if (!metadata.responseUrl) return false;
  const blocks: KnownBlock[] = [section(escapeMrkdwn(outcome))];
  if (kpi) {
    try {
      const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, userId)]);
      const [card] = await cardsFor(deps, catalogue, [kpi], profile);
      if (card) blocks.push(...kpiCardBlocks(card));
    } catch (error) {
      deps.logger.warn('the KPI card could not be built', { error });
    }
  }
  return replyToResponseUrl(metadata.responseUrl, { text: outcome, blocks }, deps.logger);
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

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
