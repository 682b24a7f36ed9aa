import type { webApi } from '@slack/bolt';
import type { Kpi } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import { parseKpiValue } from '../../kpis/parse-value.js';
import { parsePeriodInput } from '../../kpis/period-input.js';
import { recentWeeks } from '../../kpis/recent-weeks.js';
import { recordValue, type RecordValueRequest, type RecordValueResult } from '../../kpis/record-value.js';
import { resolveKpiRef } from '../../kpis/resolve-kpi.js';
import { interactiveWithinTwoSeconds } from '../../gtmhub/retry.js';
import type { SlackDeps } from '../deps.js';
import { refreshHome } from './home.js';
import { ActionIds, BlockIds } from '../ids.js';
import type { UserProfile } from '../user-profiles.js';
import { noticeMessage } from '../views/help.js';
import { loadingModal, logValueModal, resultModal, type LogModalModel } from '../views/log-modal.js';
import { recordingOutcomeText } from '../views/log-result.js';
import type { MessageView } from '../views/messages.js';
import { noMatchMessage } from '../views/search-results.js';

/** Slack refuses a modal whose trigger_id is older than 3 s or already used. */
export const FORM_DID_NOT_OPEN = 'Slack did not let kpibot open the form in time: please try again.';

/** What the log modal carries through Slack in private_metadata. */
export interface LogModalMetadata {
  channelId?: string;
}

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
 * catalogue are known.
 */
export async function openLogModal(deps: SlackDeps, client: webApi.WebClient, request: OpenLogModalRequest): Promise<void> {
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingModal() });
  const viewId = opened.view?.id;
  if (!viewId) return;
  try {
    const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, request.userId)]);
    const selected = request.kpiId ? catalogue.byId.get(request.kpiId) : undefined;
    if (request.kpiId && !selected) {
      await client.views.update({ view_id: viewId, view: resultModal('That KPI no longer exists in Gtmhub: search for it again with /kpi <name>.') });
      return;
    }
    const model = await formModel(deps, profile, {
      selected,
      period: request.period,
      candidates: request.candidates,
      initialValue: request.initialValue,
      metadata: { ...(request.channelId ? { channelId: request.channelId } : {}) },
    });
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: logValueModal(model) });
  } catch (error) {
    deps.logger.error('could not fill the log modal', { error });
    await client.views.update({ view_id: viewId, view: resultModal('kpibot could not load the KPI list from Gtmhub: please close this and try again in a minute.') });
  }
}

async function formModel(
  deps: SlackDeps,
  profile: UserProfile,
  input: { selected?: Kpi | undefined; period?: string | undefined; candidates?: Kpi[] | undefined; initialValue?: number | undefined; metadata: LogModalMetadata },
): Promise<LogModalModel> {
  const periods = recentWeeks(deps.now(), profile.zone, profile.locale);
  const model: LogModalModel = {
    periods,
    initialPeriod: input.period && periods.some((p) => p.label === input.period) ? input.period : periods[0]!.label,
    privateMetadata: JSON.stringify(input.metadata),
  };
  if (input.selected) {
    model.selectedKpi = { id: input.selected.id, name: input.selected.name };
    model.currentValue = await currentValueText(deps, input.selected, profile);
  }
  if (input.candidates) model.candidates = input.candidates.map((k) => ({ id: k.id, name: k.name }));
  if (input.initialValue !== undefined) model.initialValue = String(input.initialValue);
  return model;
}

/** `Current value: $1,234 in 2026-W47` — or why there is none. */
export async function currentValueText(deps: SlackDeps, kpi: Kpi, profile: UserProfile): Promise<string> {
  try {
    const histories = await deps.recentValues.forKpis([kpi.id], profile.zone, { policy: interactiveWithinTwoSeconds });
    const latest = histories.get(kpi.id)?.latest;
    return latest
      ? `Current value: ${formatKpiValue(latest.value, kpi.formatting, profile.locale)} in ${latest.period}`
      : 'No value recorded in the last 8 weeks.';
  } catch {
    return 'The current value could not be read from Gtmhub right now.';
  }
}

/** The state of the log modal as Slack sends it (view.state.values), read into plain fields. */
export interface LogModalState {
  kpiId: string | undefined;
  valueText: string | undefined;
  period: string | undefined;
}

type StateValues = Record<string, Record<string, { selected_option?: { value?: string } | null; value?: string | null }>>;

export function readLogModalState(values: StateValues): LogModalState {
  return {
    kpiId: values[BlockIds.kpiPicker]?.[ActionIds.kpiPicker]?.selected_option?.value ?? undefined,
    valueText: values[BlockIds.value]?.[ActionIds.valueInput]?.value ?? undefined,
    period: values[BlockIds.period]?.[ActionIds.periodSelect]?.selected_option?.value ?? undefined,
  };
}

/** A KPI was picked in the modal: show its current value, keeping what the user already entered. */
export async function refreshLogModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  view: { id: string; hash: string; private_metadata: string; state: { values: StateValues }; blocks: unknown[] },
  userId: string,
): Promise<void> {
  const state = readLogModalState(view.state.values);
  const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, userId)]);
  const selected = state.kpiId ? catalogue.byId.get(state.kpiId) : undefined;
  const value = state.valueText !== undefined ? Number(state.valueText) : undefined;
  const model = await formModel(deps, profile, {
    selected,
    period: state.period,
    // Keep offering the candidates when the modal was opened with them (a static select).
    candidates: candidatesOf(view.blocks, catalogue.byId),
    initialValue: value !== undefined && Number.isFinite(value) ? value : undefined,
    metadata: parseMetadata(view.private_metadata),
  });
  try {
    await client.views.update({ view_id: view.id, hash: view.hash, view: logValueModal(model) });
  } catch (error) {
    // hash_conflict: the user changed the modal meanwhile; their newer state wins.
    deps.logger.debug('log modal refresh skipped', { error });
  }
}

function candidatesOf(blocks: unknown[], byId: ReadonlyMap<string, Kpi>): Kpi[] | undefined {
  const picker = blocks.find((b) => (b as { block_id?: string }).block_id === BlockIds.kpiPicker) as
    | { element?: { type?: string; options?: Array<{ value: string }> } }
    | undefined;
  if (picker?.element?.type !== 'static_select') return undefined;
  return (picker.element.options ?? []).map((o) => byId.get(o.value)).filter((k): k is Kpi => k !== undefined);
}

export function parseMetadata(text: string | undefined): LogModalMetadata {
  try {
    const parsed = JSON.parse(text ?? '{}') as LogModalMetadata;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

export type ValidatedLog = { ok: true; kpi: Kpi; value: number; rawInput: string; period: string } | { ok: false; errors: Record<string, string> };

/** Checks the modal's input without any I/O (Slack waits for the errors within 3 s). */
export function validateLogModal(state: LogModalState, byId: ReadonlyMap<string, Kpi> | undefined, nowMs: number, zone: string): ValidatedLog {
  const errors: Record<string, string> = {};
  const kpi = state.kpiId ? byId?.get(state.kpiId) : undefined;
  if (!state.kpiId) errors[BlockIds.kpiPicker] = 'Choose the KPI to record a value for.';
  else if (byId && !kpi) errors[BlockIds.kpiPicker] = 'This KPI no longer exists in Gtmhub: choose another one.';
  const parsed = parseKpiValue(state.valueText ?? '');
  if (!parsed.ok) errors[BlockIds.value] = parsed.reason;
  const period = parsePeriodInput(state.period, new Date(nowMs), zone);
  if (!period.ok) errors[BlockIds.period] = period.reason;
  if (Object.keys(errors).length > 0 || !kpi || !parsed.ok || !period.ok) {
    if (!kpi && !errors[BlockIds.kpiPicker]) errors[BlockIds.kpiPicker] = 'The KPI list is still loading: try again in a few seconds.';
    return { ok: false, errors };
  }
  return { ok: true, kpi, value: parsed.value, rawInput: state.valueText ?? '', period: period.label };
}

/** Records a validated modal submission and shows the outcome in the same modal. */
export async function recordFromModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { viewId: string; teamId: string; userId: string; profile: UserProfile; log: Extract<ValidatedLog, { ok: true }> },
): Promise<RecordValueResult> {
  const { log, profile } = input;
  const result = await recordForUser(deps, {
    teamId: input.teamId,
    userId: input.userId,
    kpi: log.kpi,
    value: log.value,
    rawInput: log.rawInput,
    period: log.period,
    zone: profile.zone,
    locale: profile.locale,
    source: 'modal',
    // One modal is one act of submitting: a repeated delivery of the same view is recorded once.
    idempotencyKey: `modal:${input.viewId}`,
  });
  if (result.status === 'recorded') refreshHome(deps, client, input.teamId, input.userId);
  await client.views.update({ view_id: input.viewId, view: resultModal(recordingOutcomeText(result, log.kpi, profile.locale)) });
  return result;
}

/** Like `recordFromModal`, but a failure (store down, Slack refusing the update) still ends the "Recording…" view. */
export async function recordFromModalSafely(deps: SlackDeps, client: webApi.WebClient, input: Parameters<typeof recordFromModal>[2]): Promise<void> {
  try {
    await recordFromModal(deps, client, input);
  } catch (error) {
    deps.logger.error('recording from the modal failed', { error, kpiId: input.log.kpi.id, period: input.log.period });
    const sentence = `kpibot could not finish recording ${input.log.rawInput} for “${input.log.kpi.name}” (${input.log.period}); /kpi history shows whether it was recorded before you try again.`;
    await client.views.update({ view_id: input.viewId, view: resultModal(sentence) }).catch(() => undefined);
  }
}

/**
 * Records a value as the Slack user (their own Gtmhub token when connected), through the one
 * recording path every entry point shares; what must follow a recording happens here.
 */
export async function recordForUser(deps: SlackDeps, request: RecordValueRequest): Promise<RecordValueResult> {
  return recordValue(request, {
    gtmhub: await deps.gtmhubFor(request.teamId, request.userId),
    submissions: deps.submissions,
    logger: deps.logger,
    now: deps.now,
    onRecorded: (id) => deps.recentValues.invalidate(id),
  });
}

/** `/kpi log <kpi> <value> [period]`: records at once, or opens the modal when the name is ambiguous. */
export async function logQuick(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { kpiRef: string; valueText: string; periodText: string | undefined; teamId: string; userId: string; channelId: string; triggerId: string },
): Promise<MessageView | undefined> {
  const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, input.userId)]);
  const resolved = resolveKpiRef(catalogue.index, input.kpiRef);
  if (resolved.kind === 'unknown') return noMatchMessage(input.kpiRef, resolved.closest);
  const parsed = parseKpiValue(input.valueText);
  if (!parsed.ok) return noticeMessage(parsed.reason);
  const period = parsePeriodInput(input.periodText, new Date(deps.now()), profile.zone);
  if (!period.ok) return noticeMessage(period.reason);
  if (resolved.kind === 'ambiguous') {
    try {
      await openLogModal(deps, client, {
        triggerId: input.triggerId,
        userId: input.userId,
        channelId: input.channelId,
        candidates: resolved.candidates,
        initialValue: parsed.value,
        period: period.label,
      });
      return undefined;
    } catch (error) {
      // The trigger expired (the catalogue took long to load): list the candidates instead.
      deps.logger.warn('could not open the candidates modal', { error });
      const names = resolved.candidates.slice(0, 10).map((k) => `“${k.name}”`).join(', ');
      return noticeMessage(`“${input.kpiRef}” matches ${resolved.candidates.length} KPIs (${names}): write more of the name, or put it in quotes.`);
    }
  }
  const result = await recordForUser(deps, {
    teamId: input.teamId,
    userId: input.userId,
    kpi: resolved.kpi,
    value: parsed.value,
    rawInput: input.valueText,
    period: period.label,
    zone: profile.zone,
    locale: profile.locale,
    source: 'command',
    // A slash command is never re-sent by Slack; its trigger_id is unique per invocation.
    idempotencyKey: `command:${input.triggerId}`,
  });
  if (result.status === 'recorded') refreshHome(deps, client, input.teamId, input.userId);
  return noticeMessageRaw(recordingOutcomeText(result, resolved.kpi, profile.locale));
}

/** The outcome text is already escaped and formatted (bold names), so it goes in as mrkdwn. */
function noticeMessageRaw(text: string): MessageView {
  return { text: text.replace(/\*/g, ''), blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
