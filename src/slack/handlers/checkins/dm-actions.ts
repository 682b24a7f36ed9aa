/**
 * The check-in DM's own buttons besides Check in: *Snooze* (the engine sends what is still missing
 * again once, at that time), *Not this week* on a KPI (it leaves this week's reminders and the DM,
 * and the digest says *skipped by owner*), *Stop reminders from #channel*. Each answers with one
 * sentence.
 */
import type { webApi } from '@slack/bolt';
import { snoozeUntil, type SnoozeChoice } from '../../../checkins/snooze.js';
import type { SlackDeps } from '../../deps.js';
import type { CheckinTarget } from './check-in.js';
import { section } from '../../views/blocks.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { updateDm } from './dm-progress.js';

const GONE = 'This check-in is no longer there (its reminder was removed).';

export async function snoozeCheckin(deps: SlackDeps, client: webApi.WebClient, target: CheckinTarget, choice: SnoozeChoice): Promise<MessageView> {
  const profile = await deps.profiles.get(client, target.userId);
  const until = snoozeUntil(choice, deps.now(), profile.zone);
  const snoozed = await deps.checkins?.dms.snooze(target.reminderId, target.userId, target.period, until);
  if (!snoozed) return noticeMessage(GONE);
  const when = until.toLocaleString(profile.locale, { timeZone: profile.zone, weekday: 'long', hour: '2-digit', minute: '2-digit' });
  return noticeMessage(`Snoozed: kpibot will remind you again ${choice === 'hour' ? 'in an hour' : 'tomorrow morning'} (${when}) with what is still missing.`);
}

/** Undefined when done (the DM itself shows it), else the sentence to say. */
export async function skipKpiThisWeek(deps: SlackDeps, client: webApi.WebClient, target: CheckinTarget, kpiId: string): Promise<MessageView | undefined> {
  const checkins = deps.checkins;
  const dm = await checkins?.dms.dmOf(target.reminderId, target.userId, target.period);
  if (!checkins || !dm) return noticeMessage(GONE);
  await checkins.dms.skip(target.teamId, target.userId, kpiId, target.period);
  const profile = await deps.profiles.get(client, target.userId);
  await updateDm(deps, client, dm, profile.zone);
  return undefined;
}

export async function stopReminder(deps: SlackDeps, target: CheckinTarget): Promise<MessageView> {
  const reminder = await deps.checkins?.checkinReminders.get(target.reminderId);
  if (!deps.checkins || !reminder) return noticeMessage(GONE);
  await deps.checkins.dms.stop(reminder.id, target.userId);
  const text = `Done: you will get no more check-in DMs from the reminder in <#${reminder.channelId}>. Your other reminders stay; /kpi remind off stops them all.`;
  return { text, blocks: [section(text)] };
}
