/** `/kpi remind me <weekday> <time>`: the person's own check-in for every KPI they own, in their own zone. */
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { personalSentence } from '../../views/checkins/reminder-text.js';
import { CHECKINS_UNAVAILABLE } from './reminder-modal.js';

export async function setPersonalCheckin(
  deps: Pick<SlackDeps, 'checkins'>,
  request: { teamId: string; userId: string; channelId: string; weekday: number; time: string },
): Promise<MessageView> {
  if (!deps.checkins) return noticeMessage(CHECKINS_UNAVAILABLE);
  const { reminder, roster } = await deps.checkins.checkinReminders.setPersonal({ teamId: request.teamId, slackUserId: request.userId, channelId: request.channelId, weekday: request.weekday, time: request.time });
  const [schedule] = await deps.checkins.checkinReminders.schedulesOf(reminder.id);
  return noticeMessage(personalSentence(reminder, roster, schedule?.zone ?? 'UTC'));
}
