/**
 * The sentences about a check-in reminder: when it runs, whom it reached on save, what Send now
 * did. Pure; shared by the form's confirmation, `/kpi remind list` and `/kpi remind me`.
 */
import type { Roster, UnreachableOwner } from '../../../checkins/roster.js';
import type { CheckinSendNowResult } from '../../../checkins/send-now.js';
import type { CheckinReminder } from '../../../checkins/types.js';
import { WEEKDAYS } from '../digests/digest-modal.js';

/** `every Monday at 09:00 in each owner's own time zone, for this week` */
export function whenText(reminder: Pick<CheckinReminder, 'weekday' | 'time' | 'zone' | 'period'>): string {
  const day = WEEKDAYS[reminder.weekday - 1] ?? `day ${reminder.weekday}`;
  const zone = reminder.zone === null ? 'in each owner’s own time zone' : `(${reminder.zone})`;
  return `every ${day} at ${reminder.time} ${zone}, for ${reminder.period === 'this_week' ? 'this week' : 'last week'}`;
}

/** `5 people are reminded; 1 owner cannot be reached: Tom O'Brien (no Slack person).` */
export function rosterText(roster: Roster): string {
  const reached = roster.people.length === 1 ? 'one person is reminded' : `${roster.people.length} people are reminded`;
  if (roster.unreachable.length === 0) return `${capitalized(reached)}.`;
  return `${capitalized(reached)}; ${unreachableText(roster.unreachable)}`;
}

function unreachableText(owners: readonly UnreachableOwner[]): string {
  const named = owners.slice(0, 5).map((o) => `${o.name} (${o.reason === 'deactivated' ? 'deactivated in Slack' : 'no Slack person'})`);
  const more = owners.length > 5 ? ` and ${owners.length - 5} more` : '';
  return `${owners.length === 1 ? 'one owner cannot' : `${owners.length} owners cannot`} be reached: ${named.join(', ')}${more}; the reminder’s creator gets a DM with their KPIs when it runs.`;
}

export function savedSentence(reminder: CheckinReminder, roster: Roster, edited: boolean): string {
  const what = `the owners of ${roster.kpiCount === 1 ? 'one KPI' : `${roster.kpiCount} KPIs`} get a check-in DM ${whenText(reminder)}`;
  return edited ? `Saved: ${what}. ${rosterText(roster)}` : `Set up: ${what}. ${rosterText(roster)} See or change it with /kpi remind list.`;
}

export function personalSentence(reminder: CheckinReminder, roster: Roster, zone: string): string {
  const day = WEEKDAYS[reminder.weekday - 1] ?? `day ${reminder.weekday}`;
  const kpis = roster.kpiCount === 0 ? 'You own no KPI yet: it will list those you own by then.' : `It lists those of the ${roster.kpiCount === 1 ? 'one KPI' : `${roster.kpiCount} KPIs`} you own that still need a value.`;
  return `Done: every ${day} at ${reminder.time} (${zone}) you get one check-in DM, merged with any channel reminder due at the same time. ${kpis}`;
}

export function sendNowSentence(result: CheckinSendNowResult): string {
  if (result.kind === 'not_found') return 'That reminder no longer exists: it was removed.';
  const parts = [
    `${result.sent === 1 ? 'one check-in DM' : `${result.sent} check-in DMs`} sent`,
    ...(result.nothingToLog > 0 ? [`${result.nothingToLog} with nothing to log`] : []),
    ...(result.alreadySent > 0 ? [`${result.alreadySent} already had this week’s check-in`] : []),
    ...(result.inProgress > 0 ? [`${result.inProgress} being sent right now`] : []),
    ...(result.failed > 0 ? [`${result.failed} could not be sent (the reminder’s creator gets the details)`] : []),
  ];
  const unreachable = result.roster.unreachable.length > 0 ? ` ${capitalized(unreachableText(result.roster.unreachable))}` : '';
  return `Sent now: ${parts.join(', ')}.${unreachable}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
