/**
 * The check-in DM: the KPIs one person still owes for the period, each with *Log value* (the log
 * form preset to the KPI and period), and who set the reminder up and from which channel. Pure.
 */
import type { CheckinContent } from '../../../checkins/content.js';
import type { CheckinReminder } from '../../../checkins/types.js';
import { formatKpiValue } from '../../../kpis/format.js';
import { formatWeekRange } from '../../../time/periods.js';
import type { SlackMessage } from '../../scheduling/slack-post-port.js';
import { ActionIds, logButtonValue } from '../../ids.js';
import { button, clip, context, escapeMrkdwn, LIMITS, section } from '../blocks.js';

/** Slack allows 50 blocks: an intro, a footer and at most 45 KPIs (more are named in a count). */
const MAX_KPIS = 45;

/** Who set the DM up, and from where: one line for every reminder merged into it. */
function sourcesLine(reminder: CheckinReminder, merged: readonly CheckinReminder[]): string {
  const sources = [reminder, ...merged].map((r) => (r.personalFor !== null ? 'your own check-in (/kpi remind me)' : `<@${r.createdBy}>'s reminder in <#${r.channelId}>`));
  if (sources.length === 1 && reminder.personalFor === null) return `<@${reminder.createdBy}> set up this reminder in <#${reminder.channelId}>.`;
  if (sources.length === 1) return 'You set up this check-in with /kpi remind me.';
  return `One DM for ${sources.slice(0, -1).join(', ')} and ${sources.at(-1)!}.`;
}

export function renderCheckinDm(content: CheckinContent): SlackMessage {
  const { reminder, owed, period } = content;
  const week = formatWeekRange(period);
  const intro = `Time to check in: ${owed.length === 1 ? 'one KPI you own has' : `${owed.length} KPIs you own have`} no value for the week of ${week} yet.`;
  const shown = owed.slice(0, MAX_KPIS);
  const blocks = [
    section(intro),
    ...shown.map(({ kpi, previous }) => {
      const hint = previous === undefined ? 'no value the week before' : `the week before: ${formatKpiValue(previous, kpi.formatting)}`;
      return section(clip(`*${escapeMrkdwn(kpi.name)}* — ${hint}`, LIMITS.sectionText), { accessory: button('Log value', ActionIds.logValue, logButtonValue(kpi.id, period)) });
    }),
    ...(owed.length > shown.length ? [context(`and ${owed.length - shown.length} more: use /kpi mine to log them.`)] : []),
    context(sourcesLine(reminder, content.mergedFrom ?? [])),
  ];
  return { text: intro, blocks };
}
