/** `/kpi remind off` / `on`: every check-in reminder DM to the person stops, or comes again. */
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';

export async function setCheckinOptOut(deps: Pick<SlackDeps, 'checkins'>, teamId: string, userId: string, off: boolean): Promise<MessageView> {
  if (!deps.checkins) return noticeMessage('Check-in reminders are not set up in this kpibot.');
  await deps.checkins.setOptedOut(teamId, userId, off);
  return noticeMessage(
    off
      ? 'Done: you will get no check-in reminder DMs until you write /kpi remind on.'
      : 'Done: you will get check-in reminder DMs again, for the KPIs you own that still need a value.',
  );
}
