/**
 * The DM to a reminder's creator naming the owners kpibot cannot remind, with their KPIs and what
 * to do about each. Once per reminder and week. Pure.
 */
import type { UnreachableOwner } from '../../../checkins/roster.js';
import type { CheckinReminder } from '../../../checkins/types.js';
import type { UnreachableReason } from '../../../checkins/owed.js';
import type { SlackMessage } from '../../scheduling/slack-post-port.js';
import { clip, context, escapeMrkdwn, LIMITS, section } from '../blocks.js';

/** Slack's 50 blocks: an intro, a footer, and 45 owners (more are counted). */
const MAX_OWNERS = 45;
const KPIS_NAMED = 5;

const WHY: Record<UnreachableReason, string> = {
  no_slack_person: 'no Slack person is linked to them: link them with /kpi link, or pick another owner',
  deactivated: 'their Slack account is deactivated: pick another owner for these KPIs',
  cannot_dm: 'Slack does not let kpibot send them a DM: ask them to open one with kpibot',
};

export function renderUnreachableOwners(reminder: CheckinReminder, owners: readonly UnreachableOwner[], period: string): SlackMessage {
  const intro = `Your check-in reminder in <#${reminder.channelId}> cannot reach ${owners.length === 1 ? 'one KPI owner' : `${owners.length} KPI owners`} for ${period}:`;
  const shown = owners.slice(0, MAX_OWNERS);
  const blocks = [
    section(intro),
    ...shown.map((owner) => section(clip(`*${escapeMrkdwn(owner.name)}* (${kpiNames(owner)}): ${WHY[owner.reason]}.`, LIMITS.sectionText))),
    ...(owners.length > shown.length ? [context(`and ${owners.length - shown.length} more owners.`)] : []),
    context('The other owners get their reminders as usual.'),
  ];
  return { text: `Your check-in reminder cannot reach ${owners.length} KPI ${owners.length === 1 ? 'owner' : 'owners'}.`, blocks };
}

function kpiNames(owner: UnreachableOwner): string {
  const names = owner.kpis.slice(0, KPIS_NAMED).map((k) => escapeMrkdwn(clip(k.name, 60)));
  return owner.kpis.length > KPIS_NAMED ? `${names.join(', ')} and ${owner.kpis.length - KPIS_NAMED} more` : names.join(', ');
}
