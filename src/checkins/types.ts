/**
 * The check-ins' own types: what a channel's check-in reminder is and what kpibot remembers per
 * person. Imports nothing, so the store may use them without an arrow back into the domain.
 */

/** The check-ins' kind of scheduled work: its claims' `kind` and its name for `npm run due -- --only`. */
export const CHECKIN_KIND = 'checkin';

/** Which KPIs a reminder covers. */
export type CheckinSelection =
  | { kind: 'kpis'; kpiIds: string[] }
  | { kind: 'groups'; groupIds: string[] }
  /** Every KPI the channel's digests cover, as they are at each run. */
  | { kind: 'channel_digests' }
  /** A person's own check-in (`/kpi remind me`): every KPI they own, as it is at each run. */
  | { kind: 'owned' };

/** Which week a reminder asks for, seen from the person's zone at the slot. */
export type CheckinPeriodChoice = 'this_week' | 'last_week';

export interface CheckinReminder {
  id: string;
  teamId: string;
  /** The channel it was set up in (named in every DM, with *Stop reminders from #channel*). */
  channelId: string;
  /** Who set it up: told about the owners nobody can reach. */
  createdBy: string;
  /** Set on a person's own check-in (`/kpi remind me`): the only person it reminds. */
  personalFor: string | null;
  selection: CheckinSelection;
  period: CheckinPeriodChoice;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekday: number;
  /** Local time of day, `HH:mm`, in each person's own zone unless `zone` is set. */
  time: string;
  /** One fixed IANA zone for everybody, or null: each person at `time` in their own Slack zone. */
  zone: string | null;
  status: 'active' | 'paused';
  createdAt: Date;
}

/** One person's schedule under a reminder: their next slot, in their zone. */
export interface CheckinSchedule {
  reminderId: string;
  slackUserId: string;
  /** The zone the slot was computed in (the person's, or the reminder's fixed one). */
  zone: string;
  nextRunAt: Date;
}

/** A (reminder, person) due now: the engine's subject. */
export interface DueCheckin {
  reminder: CheckinReminder;
  schedule: CheckinSchedule;
}

/** The DM of one (reminder, person, period), kept to update it in place. */
export interface CheckinDm {
  reminderId: string;
  slackUserId: string;
  period: string;
  teamId: string;
  channelId: string;
  messageTs: string;
  kpiIds: string[];
  snoozeUntil: Date | null;
  /** The other reminders this DM stands for, merged into it at one slot (their ids); absent when none. */
  mergedFrom?: string[];
}
