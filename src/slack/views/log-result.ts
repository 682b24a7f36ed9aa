import type { Kpi } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import type { RecordValueResult } from '../../kpis/record-value.js';
import { escapeMrkdwn, section } from './blocks.js';
import type { MessageView } from './messages.js';

export interface OutcomeOptions {
  /** False when Slack did not give the user's zone, so the week and offset were UTC's: the reply says so. */
  zoneKnown?: boolean;
}

/**
 * One sentence on what became of a recording: KPI, period, the value before and after. Already
 * escaped mrkdwn (bold KPI name): pass it on as such, never through escapeMrkdwn again.
 */
export function recordingOutcomeText(result: RecordValueResult, kpi: Kpi, locale: string, options: OutcomeOptions = {}): string {
  const outcome = outcomeSentence(result, kpi, locale);
  return options.zoneKnown === false && result.status !== 'duplicate' ? `${outcome} ${zoneUnknownNote(result.submission.period)}` : outcome;
}

/** The outcome as an ephemeral reply (the quick `/kpi log`). */
export function recordingOutcomeMessage(result: RecordValueResult, kpi: Kpi, locale: string, options: OutcomeOptions = {}): MessageView {
  const text = recordingOutcomeText(result, kpi, locale, options);
  return { text: text.replace(/\*/g, ''), blocks: [section(text)] };
}

function zoneUnknownNote(period: string): string {
  return `The week (${period}) and the UTC offset were taken in UTC, because Slack did not give kpibot your time zone.`;
}

function outcomeSentence(result: RecordValueResult, kpi: Kpi, locale: string): string {
  const name = `*${escapeMrkdwn(kpi.name)}*`;
  const fmt = (v: number): string => escapeMrkdwn(formatKpiValue(v, kpi.formatting, locale));
  switch (result.status) {
    case 'recorded': {
      const { submission, before, after } = result;
      const was = before === undefined ? 'no value before' : `was ${fmt(before)}`;
      const now = after === undefined ? '' : `, now ${fmt(after)}`;
      const combined =
        after !== undefined && before !== undefined && after !== submission.value
          ? ` (Gtmhub combines values of one week by ${escapeMrkdwn(kpi.aggregation)})`
          : '';
      return `:white_check_mark: Recorded ${fmt(submission.value)} for ${name} in ${submission.period} (${was}${now})${combined}.`;
    }
    case 'duplicate':
      return `This value was already submitted: ${submissionStatusText(result.submission)}. Nothing was sent again.`;
    case 'failed':
    case 'unknown':
      return `:warning: ${escapeMrkdwn(result.sentence)}`;
  }
}

export function submissionStatusText(s: { status: 'pending' | 'recorded' | 'failed' | 'unknown' }): string {
  switch (s.status) {
    case 'pending':
      return 'it is still being recorded';
    case 'recorded':
      return 'it was recorded';
    case 'failed':
      return 'it was not recorded';
    case 'unknown':
      return 'Gtmhub did not confirm it';
  }
}
