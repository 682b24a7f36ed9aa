import type { webApi } from '@slack/bolt';
import type { Kpi } from '../../../gtmhub/types.js';
import { parseKpiValue } from '../../../kpis/parse-value.js';
import { parsePeriodInput } from '../../../kpis/period-input.js';
import type { RecordValueResult } from '../../../kpis/record-value.js';
import type { SlackDeps } from '../../deps.js';
import { BlockIds } from '../../ids.js';
import type { UserProfile } from '../../user-profiles.js';
import { resultModal } from '../../views/log-modal.js';
import { recordingOutcomeText } from '../../views/log-result.js';
import type { LogModalState } from './modal-state.js';
import { recordForUser } from './record.js';

export type ValidLog = { ok: true; kpi: Kpi; value: number; rawInput: string; period: string };
export type ValidatedLog = ValidLog | { ok: false; errors: Record<string, string> };

/**
 * The zone where every week starts first (UTC+14). When Slack has not told kpibot the user's zone
 * in time, a week is only refused as "not started yet" if it has started nowhere on Earth: the
 * select offered weeks in the user's real zone.
 */
const ZONE_WHERE_WEEKS_START_FIRST = 'Etc/GMT-14';

/** Checks the modal's input without any I/O (Slack waits for the errors within 3 s). */
export function validateLogModal(
  state: LogModalState,
  byId: ReadonlyMap<string, Kpi> | undefined,
  nowMs: number,
  profile: Pick<UserProfile, 'zone' | 'zoneKnown'>,
): ValidatedLog {
  const errors: Record<string, string> = {};
  const kpi = state.kpiId ? byId?.get(state.kpiId) : undefined;
  if (!state.kpiId) errors[BlockIds.kpiPicker] = 'Choose the KPI to record a value for.';
  else if (byId && !kpi) errors[BlockIds.kpiPicker] = 'This KPI no longer exists in Gtmhub: choose another one.';
  const parsed = parseKpiValue(state.valueText ?? '');
  if (!parsed.ok) errors[BlockIds.value] = parsed.reason;
  const period = parsePeriodInput(state.period, new Date(nowMs), profile.zoneKnown ? profile.zone : ZONE_WHERE_WEEKS_START_FIRST);
  if (!period.ok) errors[BlockIds.period] = period.reason;
  if (Object.keys(errors).length > 0 || !kpi || !parsed.ok || !period.ok) {
    if (!kpi && !errors[BlockIds.kpiPicker]) errors[BlockIds.kpiPicker] = 'The KPI list is still loading: try again in a few seconds.';
    return { ok: false, errors };
  }
  return { ok: true, kpi, value: parsed.value, rawInput: state.valueText ?? '', period: period.label };
}

export interface ModalRecording {
  viewId: string;
  teamId: string;
  userId: string;
  log: ValidLog;
}

/**
 * Records a validated modal submission and shows the outcome in the same modal. Slack has been
 * answered ("Recording…"), so this waits for the user's real profile: the UTC offset sent to
 * Gtmhub is never UTC's just because users.info was slow.
 */
export async function recordFromModal(deps: SlackDeps, client: webApi.WebClient, input: ModalRecording): Promise<RecordValueResult> {
  const { log } = input;
  const profile = await deps.profiles.get(client, input.userId);
  const result = await recordForUser(deps, client, {
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
  const text = recordingOutcomeText(result, log.kpi, profile.locale, { zoneKnown: profile.zoneKnown });
  await client.views.update({ view_id: input.viewId, view: resultModal({ mrkdwn: text }) });
  return result;
}

/** Like `recordFromModal`, but a failure (store down, Slack refusing the update) still ends the "Recording…" view. */
export async function recordFromModalSafely(deps: SlackDeps, client: webApi.WebClient, input: ModalRecording): Promise<void> {
  try {
    await recordFromModal(deps, client, input);
  } catch (error) {
    deps.logger.error('recording from the modal failed', { error, kpiId: input.log.kpi.id, period: input.log.period });
    const sentence = `kpibot could not finish recording ${input.log.rawInput} for “${input.log.kpi.name}” (${input.log.period}); /kpi history shows whether it was recorded before you try again.`;
    await client.views.update({ view_id: input.viewId, view: resultModal(sentence) }).catch(() => undefined);
  }
}
