import type { CheckinReminders } from '../checkins/reminders.js';
import type { CheckinSendNowResult } from '../checkins/send-now.js';
import type { CheckinPeopleRepository } from '../store/checkin-people-repository.js';

/** What the check-in listeners need besides the common SlackDeps (wired in src/kpibot.ts). */
export interface CheckinSlackDeps {
  /** `/kpi remind off` (true) / `on` (false). */
  setOptedOut(teamId: string, slackUserId: string, optedOut: boolean): Promise<void>;
  /** Who turned reminder DMs off in the workspace (shown in the list). */
  optedOut(teamId: string): Promise<Set<string>>;
  /** The DMs sent (to update them in place), snoozes, *Not this week*, *Stop reminders*. */
  dms: Pick<CheckinPeopleRepository, 'dmOf' | 'dmsListing' | 'snooze' | 'skip' | 'skippedBy' | 'stop'>;
  /** The reminders as people manage them (`/kpi remind`, its list, `/kpi remind me`). */
  checkinReminders: Pick<CheckinReminders, 'get' | 'listByChannel' | 'schedulesOf' | 'create' | 'update' | 'pause' | 'resume' | 'remove' | 'setPersonal'>;
  /** Sends a reminder's DMs now (the check-ins' `sendNow`), each person's at most once per week. */
  sendNow(reminderId: string): Promise<CheckinSendNowResult>;
}
