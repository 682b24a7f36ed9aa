/**
 * What people do with check-in reminders from Slack: set one up for a channel (the form), change,
 * pause, resume or remove it (`/kpi remind list`), set their own (`/kpi remind me`). Each save
 * derives the reminder's people at once (`roster.ts`), so the list and the confirmation can say
 * who is reminded and which owners nobody can reach.
 */
import type { CheckinRosters, Roster } from './roster.js';
import type { CheckinReminder, CheckinSchedule } from './types.js';

export type NewReminder = Omit<CheckinReminder, 'id' | 'status' | 'createdAt'>;
export type ReminderChange = Pick<CheckinReminder, 'selection' | 'period' | 'weekday' | 'time' | 'zone'>;

/** The reminders store (store/checkin-reminders-repository.ts fits). */
export interface ReminderStore {
  create(input: NewReminder): Promise<CheckinReminder>;
  get(id: string): Promise<CheckinReminder | undefined>;
  update(id: string, change: ReminderChange): Promise<CheckinReminder | undefined>;
  listByChannel(teamId: string, channelId: string): Promise<CheckinReminder[]>;
  personalOf(teamId: string, slackUserId: string): Promise<CheckinReminder | undefined>;
  setStatus(id: string, status: CheckinReminder['status']): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  schedulesOf(reminderId: string): Promise<CheckinSchedule[]>;
}

export interface SavedReminder {
  reminder: CheckinReminder;
  roster: Roster;
}

export class CheckinReminders {
  constructor(private readonly options: { store: ReminderStore; rosters: CheckinRosters; now: () => number }) {}

  get(id: string): Promise<CheckinReminder | undefined> {
    return this.options.store.get(id);
  }

  listByChannel(teamId: string, channelId: string): Promise<CheckinReminder[]> {
    return this.options.store.listByChannel(teamId, channelId);
  }

  schedulesOf(reminderId: string): Promise<CheckinSchedule[]> {
    return this.options.store.schedulesOf(reminderId);
  }

  async create(input: NewReminder): Promise<SavedReminder> {
    return this.#scheduled(await this.options.store.create(input), true);
  }

  /** Edit: everyone's slot moves to the new weekday, time or zone. Undefined when removed meanwhile. */
  async update(id: string, change: ReminderChange): Promise<SavedReminder | undefined> {
    const reminder = await this.options.store.update(id, change);
    return reminder ? this.#scheduled(reminder, true) : undefined;
  }

  pause(id: string): Promise<boolean> {
    return this.options.store.setStatus(id, 'paused');
  }

  /** Resumed from the next slot on: weeks missed while paused are not sent late. */
  async resume(id: string): Promise<boolean> {
    const reminder = await this.options.store.get(id);
    if (!reminder || !(await this.options.store.setStatus(id, 'active'))) return false;
    await this.#scheduled({ ...reminder, status: 'active' }, true);
    return true;
  }

  remove(id: string): Promise<boolean> {
    return this.options.store.remove(id);
  }

  /**
   * `/kpi remind me <weekday> <time>`: the person's own check-in for every KPI they own, at that
   * time in their own zone; running it again changes the day and time.
   */
  async setPersonal(input: { teamId: string; slackUserId: string; channelId: string; weekday: number; time: string }): Promise<SavedReminder> {
    const change: ReminderChange = { selection: { kind: 'owned' }, period: 'this_week', weekday: input.weekday, time: input.time, zone: null };
    const existing = await this.options.store.personalOf(input.teamId, input.slackUserId);
    const updated = existing ? await this.options.store.update(existing.id, change) : undefined;
    const reminder = updated ?? (await this.options.store.create({ ...change, teamId: input.teamId, channelId: input.channelId, createdBy: input.slackUserId, personalFor: input.slackUserId }));
    if (reminder.status === 'paused') await this.options.store.setStatus(reminder.id, 'active');
    return this.#scheduled({ ...reminder, status: 'active' }, true);
  }

  async #scheduled(reminder: CheckinReminder, reschedule: boolean): Promise<SavedReminder> {
    const roster = await this.options.rosters.sync(reminder, { from: new Date(this.options.now()), reschedule });
    return { reminder, roster };
  }
}
