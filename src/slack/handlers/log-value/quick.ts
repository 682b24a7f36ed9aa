import type { webApi } from '@slack/bolt';
import { parseKpiValue } from '../../../kpis/parse-value.js';
import { parsePeriodInput } from '../../../kpis/period-input.js';
import { resolveKpiRefOrFetch } from '../../../kpis/resolve-kpi.js';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import { recordingOutcomeMessage } from '../../views/log-result.js';
import type { MessageView } from '../../views/messages.js';
import { candidatesMessage, noMatchMessage } from '../../views/search-results.js';
import { kpiFetcher } from '../lookup/lookup.js';
import { openLogModal } from './modal.js';
import { notSentSentence, recordForUser } from './record.js';

export interface QuickLogRequest {
  kpiRef: string;
  valueText: string;
  periodText: string | undefined;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
}

/**
 * `/kpi log <kpi> <value> [period]`: records at once when the KPI is certain (id, exact name,
 * unique prefix); opens the modal with the candidates otherwise; offers "Log … to …" buttons for
 * the closest names when nothing matches. The answer is the reply, or undefined when a modal opened.
 */
export async function logQuick(deps: SlackDeps, client: webApi.WebClient, input: QuickLogRequest): Promise<MessageView | undefined> {
  // The command was acknowledged already: waiting for the real profile costs the user nothing,
  // and the week and UTC offset of a write must be the user's, not UTC's.
  const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, input.userId)]);
  const parsed = parseKpiValue(input.valueText);
  const period = parsePeriodInput(input.periodText, new Date(deps.now()), profile.zone);
  const resolved = await resolveKpiRefOrFetch(catalogue.index, input.kpiRef, kpiFetcher(deps), { purpose: 'write' });
  const pending = parsed.ok && period.ok ? { value: parsed.value, period: period.label, locale: profile.locale } : undefined;
  if (resolved.kind === 'unknown') return noMatchMessage(input.kpiRef, resolved.closest, pending);
  if (!parsed.ok) return noticeMessage(parsed.reason);
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
      // The trigger expired (the catalogue took long to load): offer the candidates as buttons instead.
      deps.logger.warn('could not open the candidates modal', { error });
      return candidatesMessage(input.kpiRef, resolved.candidates, { value: parsed.value, period: period.label, locale: profile.locale });
    }
  }
  const kpi = resolved.kpi;
  try {
    const result = await recordForUser(deps, client, {
      teamId: input.teamId,
      userId: input.userId,
      kpi,
      value: parsed.value,
      rawInput: input.valueText,
      period: period.label,
      zone: profile.zone,
      locale: profile.locale,
      source: 'command',
      // A slash command is never re-sent by Slack; its trigger_id is unique per invocation.
      idempotencyKey: `command:${input.triggerId}`,
    });
    return recordingOutcomeMessage(result, kpi, profile.locale, { zoneKnown: profile.zoneKnown });
  } catch (error) {
    deps.logger.error('recording a quick /kpi log failed before Gtmhub was called', { error, kpiId: kpi.id, period: period.label });
    return noticeMessage(notSentSentence(input.valueText, kpi.name, period.label));
  }
}
