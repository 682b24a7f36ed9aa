/**
 * Every word of kpibot's Workflow Builder steps: the sentences a failed step shows in the workflow's
 * activity (one sentence each, saying what to fix), and the message-ready text the "List KPIs not
 * updated" step hands to the next step. Pure functions.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { formatDelta, formatKpiValue, formatPercentChange } from '../../kpis/format.js';

function quoted(text: string): string {
  const t = text.trim();
  return `“${t.length > 60 ? `${t.slice(0, 59)}…` : t}”`;
}

function secondsText(seconds: number): string {
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function names(kpis: readonly Pick<Kpi, 'name'>[], max = 3): string {
  return kpis.slice(0, max).map((k) => quoted(k.name)).join(', ');
}

export const stepSentences = {
  missingInput: (title: string, input: string): string => `The step has no ${title}: fill in its “${input}” input in Workflow Builder.`,
  unknownKpi: (ref: string, closest: readonly Pick<Kpi, 'name'>[]): string =>
    `No KPI is called ${quoted(ref)}: give the KPI's exact name or its Gtmhub id in the step's KPI input${closest.length > 0 ? ` (closest: ${names(closest)})` : ''}.`,
  ambiguousKpi: (ref: string, candidates: readonly Pick<Kpi, 'name'>[]): string =>
    `${quoted(ref)} matches several KPIs (${names(candidates)}${candidates.length > 3 ? ', …' : ''}): give the KPI's exact name or its Gtmhub id in the step's KPI input.`,
  notExactName: (ref: string, kpi: Pick<Kpi, 'name'>): string =>
    `${quoted(ref)} is not the exact name of a KPI: write it in full, ${quoted(kpi.name)}, or give the KPI's Gtmhub id, so the workflow never records into the wrong KPI.`,
  badValue: (reason: string): string => `The value is not a number kpibot can record: ${reason}`,
  badPeriod: (reason: string): string => `The period is not a week kpibot can use: ${reason}`,
  badZone: (zone: string): string => `${quoted(zone)} is not a time zone: give an IANA zone such as Europe/Berlin in the step's time zone input, or leave it empty for UTC.`,
  noValue: (kpi: Pick<Kpi, 'name'>, period: string): string => `${quoted(kpi.name)} has no value for ${period} yet: log one first, or give the step an earlier period.`,
  unknownGroup: (ref: string, closest: readonly { name: string }[]): string =>
    `No KPI group is called ${quoted(ref)}: give the group's exact name or its Gtmhub id${closest.length > 0 ? ` (closest: ${closest.map((g) => quoted(g.name)).join(', ')})` : ''}.`,
  ambiguousGroup: (ref: string, candidates: readonly { name: string }[]): string =>
    `${quoted(ref)} matches several KPI groups (${candidates.slice(0, 3).map((g) => quoted(g.name)).join(', ')}): give the group's exact name or its Gtmhub id.`,
  groupOrOwner: (): string => 'Say whose KPIs to list: fill in either the step’s KPI group input or its owner input, not both.',
  ownerUnknown: (userId: string): string =>
    `kpibot does not know which Gtmhub user <@${userId}> is: link them with /kpi link (or give them the same email in Slack and Gtmhub), then run the workflow again.`,
  ownerNotReady: (): string => 'kpibot has not read Gtmhub’s users yet, so it cannot tell who owns which KPI: run the workflow again in a minute.',
  tooSlow: (seconds: number): string => `Gtmhub or Slack did not answer within ${secondsText(seconds)}: run the step again in a few minutes.`,
  tooSlowRecording: (seconds: number): string =>
    `Recording did not finish within ${secondsText(seconds)} because Gtmhub was too slow: the value may or may not have been recorded, so check the KPI with /kpi show before running the step again.`,
  unexpected: (): string => 'kpibot could not run this step because of an unexpected error (it logged the details): run it again, and if it keeps failing tell whoever runs kpibot.',
  notSent: (rawValue: string, kpiName: string, period: string): string =>
    `${rawValue} for ${quoted(kpiName)} (${period}) was not recorded: kpibot could not prepare the recording, so nothing was sent to Gtmhub; run the step again in a minute.`,
} as const;

/** "+3 (+12.5%) vs 2026-W47", or "no value for 2026-W47" when the week before has none. */
export function changeText(kpi: Pick<Kpi, 'formatting'>, value: number, previous: number | undefined, previousPeriod: string, locale: string): string {
  if (previous === undefined) return `no value for ${previousPeriod}`;
  const ratio = previous === 0 ? undefined : (value - previous) / Math.abs(previous);
  const percent = ratio === undefined ? '' : ` (${formatPercentChange(ratio, locale)})`;
  return `${formatDelta(value - previous, kpi.formatting, locale)}${percent} vs ${previousPeriod}`;
}

/** Whose KPIs a "not updated" list covers, as the text says it. */
export type NotUpdatedScope = { kind: 'group'; name: string } | { kind: 'owner'; slackUserId: string };

/**
 * The message a workflow can post or DM as is (Slack mrkdwn): the KPIs of the scope with no value
 * for the period, or that every one has one.
 */
export function notUpdatedText(scope: NotUpdatedScope, period: string, missing: readonly Pick<Kpi, 'name'>[], total: number): string {
  const whose = scope.kind === 'group' ? `in *${scope.name}*` : `owned by <@${scope.slackUserId}>`;
  if (total === 0) return `There are no KPIs ${whose}.`;
  if (missing.length === 0) return `Every KPI ${whose} has a value for ${period}. :white_check_mark:`;
  const head = `${missing.length} of ${total} KPIs ${whose} ${missing.length === 1 ? 'has' : 'have'} no value for ${period} yet:`;
  return [head, ...missing.map((k) => `• ${k.name}`)].join('\n');
}

/** The value with the KPI's units (`$1,234.50`, `12.5%`). */
export function formattedValue(kpi: Pick<Kpi, 'formatting'>, value: number, locale: string): string {
  return formatKpiValue(value, kpi.formatting, locale);
}
