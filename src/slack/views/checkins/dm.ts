/**
 * The check-in DM: the KPIs one person owes for the period, each with *Log value* (the log form
 * preset to the KPI and period) — or ✅ with its value once logged, or put off for the week —,
 * *Check in* (every value in one form), *Snooze*, *Not this week…*, *Stop reminders*, and who set
 * the reminder up and from which channel. The same view serves the first post, every update in
 * place and the re-send after a snooze. Pure.
 */
import type { ActionsBlock, KnownBlock, StaticSelect } from '@slack/types';
import type { CheckinContent } from '../../../checkins/content.js';
import { isAllDone, missingItems, progressOfContent, type CheckinItem, type CheckinProgress } from '../../../checkins/progress.js';
import { formatKpiValue } from '../../../kpis/format.js';
import { formatWeekRange } from '../../../time/periods.js';
import type { SlackMessage } from '../../scheduling/slack-post-port.js';
import { ActionIds, checkinButtonValue, CheckinIds, logButtonValue } from '../../ids.js';
import { button, clip, context, escapeMrkdwn, LIMITS, option, plain, section } from '../blocks.js';

/** Slack allows 50 blocks: an intro, the actions, a footer and at most 45 KPIs (more are named in a count). */
const MAX_KPIS = 45;

/** The DM as first sent: everything it lists is missing. */
export function renderCheckinDm(content: CheckinContent): SlackMessage {
  return renderCheckinProgress(progressOfContent(content));
}

/** The DM as it stands: missing, done and put-off KPIs, or "all done". */
export function renderCheckinProgress(progress: CheckinProgress): SlackMessage {
  const { reminder, period, items } = progress;
  const week = formatWeekRange(period);
  const missing = missingItems(progress);
  const intro = isAllDone(progress)
    ? `All done for the week of ${week}, thank you.`
    : missing.length === items.length
      ? `Time to check in: ${missing.length === 1 ? 'one KPI you own has' : `${missing.length} KPIs you own have`} no value for the week of ${week} yet.`
      : `Still to log for the week of ${week}: ${missing.length} of ${items.length} KPIs.`;
  const shown = items.slice(0, MAX_KPIS);
  const blocks: KnownBlock[] = [
    section(intro),
    ...shown.map((item) => itemBlock(item, period)),
    ...(items.length > shown.length ? [context(`and ${items.length - shown.length} more: use /kpi mine to log them.`)] : []),
    actionsBlock(progress, missing),
    context(whoSetItUp(reminder, progress.alsoFrom ?? [])),
  ];
  return { text: intro, blocks };
}

type ReminderOrigin = Pick<CheckinProgress['reminder'], 'channelId' | 'createdBy' | 'personalFor'>;

/**
 * Who set the DM's reminder up and where; a DM that stands for several reminders due at the same
 * time names each: "<@U1> set up this reminder in <#C1>. It also stands for the reminder <@U2> set
 * up in <#C2> and your own check-in." (`context` keeps it within Slack's limit.)
 */
export function whoSetItUp(reminder: ReminderOrigin, alsoFrom: readonly ReminderOrigin[]): string {
  const origin = (r: ReminderOrigin): string => (r.personalFor !== null ? 'your own check-in' : `the reminder <@${r.createdBy}> set up in <#${r.channelId}>`);
  const first = reminder.personalFor !== null ? 'This is your own check-in (/kpi remind me).' : `<@${reminder.createdBy}> set up this reminder in <#${reminder.channelId}>.`;
  if (alsoFrom.length === 0) return first;
  const others = alsoFrom.map(origin);
  const list = others.length === 1 ? others[0]! : `${others.slice(0, -1).join(', ')} and ${others.at(-1)!}`;
  return `${first} It also stands for ${list}.`;
}

function itemBlock(item: CheckinItem, period: string): KnownBlock {
  const name = `*${escapeMrkdwn(item.kpi.name)}*`;
  switch (item.state.kind) {
    case 'done':
      return section(clip(`✅ ${name} — ${formatKpiValue(item.state.value, item.kpi.formatting)}`, LIMITS.sectionText));
    case 'skipped':
      return section(clip(`⏭️ ${name} — not this week`, LIMITS.sectionText));
    case 'missing': {
      const hint = item.previous === undefined ? 'no value the week before' : `the week before: ${formatKpiValue(item.previous, item.kpi.formatting)}`;
      return section(clip(`${name} — ${hint}`, LIMITS.sectionText), { accessory: button('Log value', ActionIds.logValue, logButtonValue(item.kpi.id, period)) });
    }
  }
}

/** Check in, Snooze, Not this week… while something is missing; Stop reminders always (not on a personal check-in). */
function actionsBlock(progress: CheckinProgress, missing: readonly CheckinItem[]): ActionsBlock {
  const { reminder, period } = progress;
  const value = checkinButtonValue(reminder.id, period);
  const elements: ActionsBlock['elements'] = [];
  if (missing.length > 0) {
    elements.push(button('Check in', CheckinIds.checkIn, value, 'primary'));
    elements.push(button('Snooze 1 hour', CheckinIds.snoozeHour, value));
    elements.push(button('Tomorrow morning', CheckinIds.snoozeMorning, value));
    const skip: StaticSelect = {
      type: 'static_select',
      action_id: CheckinIds.notThisWeek,
      placeholder: plain('Not this week…', LIMITS.optionText),
      options: missing.slice(0, LIMITS.options).map((item) => option(item.kpi.name, checkinButtonValue(reminder.id, period, item.kpi.id))),
    };
    elements.push(skip);
  }
  if (reminder.personalFor === null) {
    elements.push({
      ...button('Stop reminders from this channel', CheckinIds.stop, value),
      confirm: {
        title: plain('Stop these reminders?', LIMITS.viewTitle),
        text: { type: 'mrkdwn', text: `You will get no more check-in DMs from the reminder set up in <#${reminder.channelId}>. Your other reminders stay.` },
        confirm: plain('Stop them', LIMITS.buttonText),
        deny: plain('Keep them', LIMITS.buttonText),
      },
    });
  }
  return { type: 'actions', block_id: CheckinIds.actionsBlock, elements };
}
