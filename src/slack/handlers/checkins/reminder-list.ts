import type { webApi } from '@slack/bolt';
import type { CheckinReminder } from '../../../checkins/types.js';
import type { CheckinSlackDeps } from '../../checkin-deps.js';
import type { SlackDeps } from '../../deps.js';
import { reminderListMessage } from '../../views/checkins/reminder-list.js';
import { sendNowSentence } from '../../views/checkins/reminder-text.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { checkChannelAccess } from '../common/channel-access.js';
import { CHECKINS_UNAVAILABLE, openReminderModal, REMINDERS_FEATURE } from './reminder-modal.js';

export type ReminderButton = 'edit' | 'pause' | 'send-now' | 'remove';

export interface ReminderButtonClick {
  button: ReminderButton;
  reminderId: string;
  teamId: string;
  userId: string;
  triggerId: string;
}

/** `/kpi remind list`: the channel's reminders with whom they reach and who turned reminders off. */
export async function listReminders(deps: SlackDeps, teamId: string, channelId: string, notice?: string): Promise<MessageView> {
  const checkins = deps.checkins;
  if (!checkins) return noticeMessage(CHECKINS_UNAVAILABLE);
  const [reminders, optedOut] = await Promise.all([checkins.checkinReminders.listByChannel(teamId, channelId), checkins.optedOut(teamId)]);
  const listed = await Promise.all(
    reminders.map(async (reminder) => {
      const people = (await checkins.checkinReminders.schedulesOf(reminder.id)).map((s) => s.slackUserId);
      return { reminder, people, optedOut: people.filter((id) => optedOut.has(id)) };
    }),
  );
  // Names are a nicety: the list must not wait for a first catalogue load.
  const view = deps.catalogue.peek();
  const kpiNames = new Map([...(view?.byId.values() ?? [])].map((kpi) => [kpi.id, kpi.name] as const));
  return reminderListMessage({ channelId, listed, kpiNames, groupNames: view?.groupNames ?? new Map(), ...(notice ? { notice } : {}) });
}

/**
 * A button of the list. Every button checks again that the clicking user is a member of the
 * reminder's channel (the list may have been forwarded, or they may have left); the reply replaces
 * the list with its new state and one sentence about what happened.
 */
export async function onReminderButton(deps: SlackDeps, client: webApi.WebClient, click: ReminderButtonClick, reply: (message: MessageView) => Promise<void>): Promise<void> {
  const checkins = deps.checkins;
  if (!checkins) return reply(noticeMessage(CHECKINS_UNAVAILABLE));
  const reminder = await checkins.checkinReminders.get(click.reminderId);
  if (!reminder) return reply(noticeMessage('That reminder no longer exists: it was removed. See what is left with /kpi remind list.'));
  if (click.button === 'edit') {
    // The form opens first (the trigger_id lasts 3 s) and checks membership itself.
    return openReminderModal(deps, client, { triggerId: click.triggerId, userId: click.userId, channelId: reminder.channelId, reminder });
  }
  const access = await checkChannelAccess(client, reminder.channelId, click.userId, { feature: REMINDERS_FEATURE });
  if (!access.ok) return reply(noticeMessage(access.sentence));
  const notice = await act(checkins, reminder, click.button, deps);
  await reply(await listReminders(deps, click.teamId, reminder.channelId, notice));
}

async function act(checkins: CheckinSlackDeps, reminder: CheckinReminder, button: Exclude<ReminderButton, 'edit'>, deps: SlackDeps): Promise<string> {
  switch (button) {
    case 'pause':
      if (reminder.status === 'active') {
        await checkins.checkinReminders.pause(reminder.id);
        return 'Paused: nobody gets check-in DMs from this reminder until someone resumes it.';
      }
      await checkins.checkinReminders.resume(reminder.id);
      return 'Resumed: the owners get check-in DMs again from the next slot.';
    case 'remove':
      await checkins.checkinReminders.remove(reminder.id);
      return 'Removed: its owners no longer get check-in DMs from it.';
    case 'send-now':
      try {
        return sendNowSentence(await checkins.sendNow(reminder.id));
      } catch (error) {
        deps.logger.error('check-in send now failed', { error, reminderId: reminder.id });
        return 'kpibot could not send the check-ins just now: please try again in a minute.';
      }
  }
}
