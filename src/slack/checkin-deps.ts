import type { CheckinPeopleRepository } from '../store/checkin-people-repository.js';
import type { CheckinRemindersRepository } from '../store/checkin-reminders-repository.js';

/** What the check-in listeners need besides the common SlackDeps (wired in src/kpibot.ts). */
export interface CheckinSlackDeps {
  /** `/kpi remind off` / `on`. */
  setOptedOut(teamId: string, slackUserId: string, optedOut: boolean): Promise<void>;
  /** The DMs sent (to update them in place), snoozes, *Not this week*, *Stop reminders*. */
  dms: Pick<CheckinPeopleRepository, 'dmOf' | 'dmsListing' | 'snooze' | 'skip' | 'skippedBy' | 'stop'>;
  checkinReminders: Pick<CheckinRemindersRepository, 'get'>;
}
