/**
 * *Check in*: one modal with a value field per KPI still missing, recorded at once, each value
 * through the one recording path (pending row, then Gtmhub, then complete) under an idempotency
 * key of (view, KPI, attempt): a repeated delivery of the same submission records nothing twice, a
 * value Gtmhub refused goes again under the next attempt, and a recorded one is never asked again.
 */
import type { webApi } from '@slack/bolt';
import { missingItems, type CheckinItem } from '../../../checkins/progress.js';
import type { Kpi } from '../../../gtmhub/types.js';
import { formatExactKpiValue } from '../../../kpis/format.js';
import { parseKpiValue } from '../../../kpis/parse-value.js';
import { formatWeekRange } from '../../../time/periods.js';
import type { SlackDeps } from '../../deps.js';
import { CheckinIds, checkinValueBlockId } from '../../ids.js';
import type { CheckinModalMetadata } from '../../payloads/metadata.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';
import { escapeMrkdwn } from '../../views/blocks.js';
import { checkinModal, checkinNoticeModal, MAX_CHECKIN_FIELDS, type CheckinField } from '../../views/checkins/check-in-modal.js';
import { notSentSentence, recordForUser } from '../log-value/record.js';
import { progressOfDm } from './dm-progress.js';

export interface CheckinTarget {
  teamId: string;
  userId: string;
  reminderId: string;
  period: string;
}

const GONE = 'This check-in is no longer there (its reminder was removed): use /kpi mine to log your values.';

/** Opens the modal: a loading view first (the trigger expires in 3 s), then the form. */
export async function openCheckinModal(deps: SlackDeps, client: webApi.WebClient, triggerId: string, target: CheckinTarget): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: checkinNoticeModal(':hourglass_flowing_sand: Loading your KPIs…') });
  const viewId = opened.view?.id;
  if (!viewId) return;
  let view;
  try {
    view = await formStep(deps, client, target, { seen: [], recorded: [] });
  } catch (error) {
    deps.logger.error('could not build the Check in form', { error, reminderId: target.reminderId });
    view = checkinNoticeModal('kpibot could not read your KPIs from Gtmhub just now: close this and try Check in again in a minute.');
  }
  await client.views.update({ view_id: viewId, view });
}

/** The next form of KPIs still missing and not shown yet, or the notice that nothing is left. */
async function formStep(deps: SlackDeps, client: webApi.WebClient, target: CheckinTarget, done: { seen: readonly string[]; recorded: readonly string[] }) {
  const dm = await deps.checkins?.dms.dmOf(target.reminderId, target.userId, target.period);
  if (!dm) return checkinNoticeModal(GONE);
  const profile = await deps.profiles.get(client, target.userId);
  const progress = await progressOfDm(deps, dm, profile.zone);
  if (!progress) return checkinNoticeModal(GONE);
  const seen = new Set(done.seen);
  const missing = missingItems(progress);
  const left = missing.filter((item) => !seen.has(item.kpi.id));
  if (left.length === 0) {
    const recorded = done.recorded.length > 0 ? `Recorded: ${done.recorded.join('\n')}\n\n` : '';
    const week = formatWeekRange(target.period);
    const rest =
      missing.length === 0
        ? `Nothing left to log for the week of ${week}: thank you.`
        : `${missing.length === 1 ? 'One KPI is' : `${missing.length} KPIs are`} still to log for the week of ${week}: Check in again from the DM when you have ${missing.length === 1 ? 'it' : 'them'}.`;
    return checkinNoticeModal(`${recorded}${rest}`);
  }
  const fields = left.slice(0, MAX_CHECKIN_FIELDS);
  const metadata: CheckinModalMetadata = { r: target.reminderId, p: target.period, ids: fields.map((f) => f.kpi.id), seen: [...done.seen], a: {} };
  return checkinModal({ period: target.period, fields: fields.map((item) => ({ item })), recorded: done.recorded, more: left.length - fields.length, metadata, locale: profile.locale });
}

/** One typed value, checked. */
export interface TypedValue {
  kpiId: string;
  rawInput: string;
  value: number;
}

export type CheckedForm = { ok: true; values: TypedValue[]; typed: Map<string, string> } | { ok: false; errors: Record<string, string> };

/** Checks the form without I/O (Slack wants the errors within 3 s): each bad value refused next to its field. */
export function checkCheckinForm(state: ViewState, metadata: CheckinModalMetadata): CheckedForm {
  const errors: Record<string, string> = {};
  const values: TypedValue[] = [];
  const typed = new Map<string, string>();
  for (const kpiId of metadata.ids) {
    const rawInput = (inputOf(state, { block: checkinValueBlockId(kpiId), action: CheckinIds.valueInput })?.value ?? '').trim();
    typed.set(kpiId, rawInput);
    if (rawInput === '') continue;
    const parsed = parseKpiValue(rawInput);
    if (parsed.ok) values.push({ kpiId, rawInput, value: parsed.value });
    else errors[checkinValueBlockId(kpiId)] = parsed.reason;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (values.length === 0 && metadata.ids[0] !== undefined) return { ok: false, errors: { [checkinValueBlockId(metadata.ids[0])]: 'Type a value for at least one KPI, or close the form to log them later.' } };
  return { ok: true, values, typed };
}

/**
 * Records the checked values and shows the outcome in the same modal: the next step (or "done")
 * when all went through; otherwise the form again, with what was recorded, each refused value kept
 * in its field with Gtmhub's sentence, and the fields left empty.
 */
export async function recordCheckin(deps: SlackDeps, client: webApi.WebClient, input: { viewId: string; target: CheckinTarget; metadata: CheckinModalMetadata; values: TypedValue[]; typed: Map<string, string> }): Promise<void> {
  const { viewId, target, metadata } = input;
  const [profile, catalogue] = await Promise.all([deps.profiles.get(client, target.userId), deps.catalogue.get()]);
  const recorded: string[] = [];
  const failed = new Map<string, string>();
  const notes: string[] = [];
  for (const typed of input.values) {
    const kpi: Kpi | undefined = catalogue.byId.get(typed.kpiId);
    if (!kpi) {
      notes.push(`:warning: ${escapeMrkdwn(typed.rawInput)} was not recorded: that KPI no longer exists in Gtmhub.`);
      continue;
    }
    const attempt = metadata.a[typed.kpiId] ?? 0;
    try {
      const result = await recordForUser(deps, client, {
        teamId: target.teamId,
        userId: target.userId,
        kpi,
        value: typed.value,
        rawInput: typed.rawInput,
        period: target.period,
        zone: profile.zone,
        locale: profile.locale,
        source: 'checkin',
        idempotencyKey: `checkin:${viewId}:${kpi.id}:${attempt}`,
      });
      if (result.status === 'recorded' || result.status === 'duplicate') recorded.push(`✅ *${escapeMrkdwn(kpi.name)}* — ${formatExactKpiValue(typed.value, kpi.formatting, profile.locale)}`);
      else if (result.status === 'unknown') notes.push(`:warning: ${escapeMrkdwn(result.sentence)}`);
      else failed.set(kpi.id, result.sentence);
    } catch (error) {
      deps.logger.error('recording a Check in value failed before Gtmhub was called', { kpiId: kpi.id, error });
      failed.set(kpi.id, notSentSentence(typed.rawInput, kpi.name, target.period));
    }
  }
  const lines = [...recorded, ...notes];
  if (failed.size === 0) {
    const next = await formStep(deps, client, target, { seen: [...metadata.seen, ...metadata.ids], recorded: lines });
    await client.views.update({ view_id: viewId, view: next });
    return;
  }
  // Some were refused: the same fields again (not the recorded ones), what was typed kept.
  const done = new Set(input.values.filter((v) => !failed.has(v.kpiId)).map((v) => v.kpiId));
  const items = new Map((await itemsOf(deps, client, target, metadata.ids)).map((item) => [item.kpi.id, item]));
  const fields: CheckinField[] = [];
  const attempts: Record<string, number> = { ...metadata.a };
  for (const kpiId of metadata.ids) {
    const item = items.get(kpiId);
    if (!item || done.has(kpiId)) continue;
    const error = failed.get(kpiId);
    if (error !== undefined) attempts[kpiId] = (attempts[kpiId] ?? 0) + 1;
    fields.push({ item, typed: input.typed.get(kpiId) ?? '', ...(error !== undefined ? { error } : {}) });
  }
  const next: CheckinModalMetadata = { ...metadata, ids: fields.map((f) => f.item.kpi.id), a: attempts };
  await client.views.update({ view_id: viewId, view: checkinModal({ period: target.period, fields, recorded: lines, more: 0, metadata: next, locale: profile.locale }) });
}

/** The form's KPIs as items (hints from Gtmhub when it answers; none when it does not). */
async function itemsOf(deps: SlackDeps, client: webApi.WebClient, target: CheckinTarget, kpiIds: readonly string[]): Promise<CheckinItem[]> {
  const catalogue = await deps.catalogue.get();
  const plainItems = (): CheckinItem[] =>
    kpiIds.map((id) => catalogue.byId.get(id)).filter((k): k is Kpi => k !== undefined).map((kpi) => ({ kpi, state: { kind: 'missing' }, current: undefined, previous: undefined }));
  const dm = await deps.checkins?.dms.dmOf(target.reminderId, target.userId, target.period);
  if (!dm) return plainItems();
  try {
    const profile = await deps.profiles.get(client, target.userId);
    const progress = await progressOfDm(deps, { ...dm, kpiIds: [...kpiIds] }, profile.zone);
    return progress?.items ?? plainItems();
  } catch {
    return plainItems();
  }
}
