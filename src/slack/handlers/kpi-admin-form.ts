/**
 * The KPI form's state as it travels through Slack (private_metadata), and the form itself built
 * with what the deployment knows (group names, the owner mapping): shared by opening, a refused
 * save that brings the form back, and the review of a submission.
 */
import type { ModalView } from '@slack/types';
import type { FieldFingerprints, KpiFormValues } from '../../kpis/kpi-form.js';
import type { SlackDeps } from '../deps.js';
import { kpiFormModal } from '../views/kpi-form.js';
import { kpiAdministrationOf } from './kpi-admin-access.js';

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

export const KPI_FORM_TITLES = { create: 'New KPI', edit: 'Edit KPI' } as const;

/** The form for `values`, with the catalogue's group names (as far as loaded) and the owners picker when a mapping exists. */
export function kpiFormFor(
  deps: SlackDeps,
  input: { mode: KpiFormMetadata['mode']; values: KpiFormValues; privateMetadata: string; groupNames?: ReadonlyMap<string, string>; error?: string },
): ModalView {
  return kpiFormModal({
    mode: input.mode,
    values: input.values,
    groupNames: input.groupNames ?? deps.catalogue.peek()?.groupNames ?? new Map(),
    ownerPicker: kpiAdministrationOf(deps).owners.knowsSlackUsers,
    privateMetadata: input.privateMetadata,
    ...(input.error === undefined ? {} : { error: input.error }),
  });
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
