/**
 * Check-in reminders (`/kpi remind`) and each person's schedule under them (`next_run_at` in the
 * person's zone), so the scheduler only asks "which (reminder, person) is due now?". Stores, never
 * decides: the check-ins domain computes every slot (checkins/due.ts) and hands it over.
 *
 * The tables are added by migration 0010 and declared here with `withTables`, as
 * people-links-repository.ts does.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CheckinReminder, CheckinSchedule, CheckinSelection, DueCheckin } from '../checkins/types.js';
import type { SlotOutcome } from '../scheduling/kind.js';
import { fromStoredInstant, toStoredInstant, type StoredInstant } from './instant.js';
import type { Database } from './schema.js';
import { slotOutcomeColumns } from './slot-outcome.js';

export interface CheckinRemindersTable {
  id: string;
  team_id: string;
  channel_id: string;
  created_by: string;
  personal_for: string | null;
  /** JSON of a `CheckinSelection`. */
  selection: string;
  period: string;
  weekday: number;
  time: string;
  zone: string | null;
  status: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

export interface CheckinSchedulesTable {
  reminder_id: string;
  slack_user_id: string;
  zone: string;
  next_run_at: StoredInstant;
  consecutive_failures: number;
  last_error: string | null;
}

type WithReminders = { checkin_reminders: CheckinRemindersTable; checkin_schedules: CheckinSchedulesTable };

export type NewCheckinReminder = Omit<CheckinReminder, 'id' | 'status' | 'createdAt'>;

/** What Edit changes: what the reminder covers and when. */
export type CheckinReminderChange = Pick<CheckinReminder, 'selection' | 'period' | 'weekday' | 'time' | 'zone'>;

/** A stored row kpibot cannot read (hand-edited, or written by a newer version). */
export class CheckinRowUnreadableError extends Error {
  constructor(id: string, column: string) {
    super(`The check-in reminder ${id} has an unreadable ${column}.`);
    this.name = 'CheckinRowUnreadableError';
  }
}

export class CheckinRemindersRepository {
  readonly #db: Kysely<Database & WithReminders>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: { now?: () => Date } = {}) {
    this.#db = db.withTables<WithReminders>();
    this.#now = options.now ?? (() => new Date());
  }

  async create(input: NewCheckinReminder): Promise<CheckinReminder> {
    const now = toStoredInstant(this.#now());
    const row: CheckinRemindersTable = {
      id: randomUUID(),
      team_id: input.teamId,
      channel_id: input.channelId,
      created_by: input.createdBy,
      personal_for: input.personalFor,
      selection: JSON.stringify(input.selection),
      period: input.period,
      weekday: input.weekday,
      time: input.time,
      zone: input.zone,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    await this.#db.insertInto('checkin_reminders').values(row).execute();
    return toReminder(row);
  }

  async get(id: string): Promise<CheckinReminder | undefined> {
    const row = await this.#db.selectFrom('checkin_reminders').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toReminder(row) : undefined;
  }

  /** The channel's reminders (not people's own check-ins), oldest first: `/kpi remind list`. */
  async listByChannel(teamId: string, channelId: string): Promise<CheckinReminder[]> {
    const rows = await this.#db
      .selectFrom('checkin_reminders')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .where('personal_for', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toReminder);
  }

  /** The person's own check-in (`/kpi remind me`), if they set one. */
  async personalOf(teamId: string, slackUserId: string): Promise<CheckinReminder | undefined> {
    const row = await this.#db.selectFrom('checkin_reminders').selectAll().where('team_id', '=', teamId).where('personal_for', '=', slackUserId).orderBy('created_at').executeTakeFirst();
    return row ? toReminder(row) : undefined;
  }

  /** Edit: the reminder's KPIs, period and slot; the caller reschedules its people. */
  async update(id: string, change: CheckinReminderChange): Promise<CheckinReminder | undefined> {
    await this.#db
      .updateTable('checkin_reminders')
      .set({ selection: JSON.stringify(change.selection), period: change.period, weekday: change.weekday, time: change.time, zone: change.zone, updated_at: toStoredInstant(this.#now()) })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async setStatus(id: string, status: CheckinReminder['status']): Promise<boolean> {
    const result = await this.#db.updateTable('checkin_reminders').set({ status, updated_at: toStoredInstant(this.#now()) }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Removes the reminder with its schedules and DMs (cascade). */
  async remove(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      await tx.deleteFrom('checkin_schedules').where('reminder_id', '=', id).execute();
      const result = await tx.deleteFrom('checkin_reminders').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Sets a person's slot under a reminder (a new owner, a changed zone, an edit). */
  async schedule(input: CheckinSchedule): Promise<void> {
    const values = { reminder_id: input.reminderId, slack_user_id: input.slackUserId, zone: input.zone, next_run_at: toStoredInstant(input.nextRunAt), consecutive_failures: 0, last_error: null };
    await this.#db
      .insertInto('checkin_schedules')
      .values(values)
      .onConflict((oc) => oc.columns(['reminder_id', 'slack_user_id']).doUpdateSet({ zone: values.zone, next_run_at: values.next_run_at }))
      .execute();
  }

  /** A person is no longer among the reminder's owners. */
  async unschedule(reminderId: string, slackUserId: string): Promise<void> {
    await this.#db.deleteFrom('checkin_schedules').where('reminder_id', '=', reminderId).where('slack_user_id', '=', slackUserId).execute();
  }

  async schedulesOf(reminderId: string): Promise<CheckinSchedule[]> {
    const rows = await this.#db.selectFrom('checkin_schedules').selectAll().where('reminder_id', '=', reminderId).orderBy('slack_user_id').execute();
    return rows.map(toSchedule);
  }

  /** Active reminders' (reminder, person) whose slot is at or before `at`, earliest first: the scheduler's work list. */
  async listDue(at: Date, limit = 2000): Promise<DueCheckin[]> {
    const rows = await this.#db
      .selectFrom('checkin_schedules as s')
      .innerJoin('checkin_reminders as r', 'r.id', 's.reminder_id')
      .selectAll('r')
      .select(['s.reminder_id', 's.slack_user_id', 's.zone as schedule_zone', 's.next_run_at', 's.consecutive_failures', 's.last_error'])
      .where('r.status', '=', 'active')
      .where('s.next_run_at', '<=', toStoredInstant(at))
      .orderBy('s.next_run_at')
      .orderBy('s.reminder_id')
      .orderBy('s.slack_user_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ reminder: toReminder(row), schedule: toSchedule({ ...row, zone: row.schedule_zone }) }));
  }

  /** Moves one person's slot from `from` to `to` (compare-and-set: false when someone moved it already). */
  async advance(reminderId: string, slackUserId: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean> {
    const result = await this.#db
      .updateTable('checkin_schedules')
      .set((eb) => ({
        next_run_at: toStoredInstant(to),
        ...slotOutcomeColumns(eb, outcome),
      }))
      .where('reminder_id', '=', reminderId)
      .where('slack_user_id', '=', slackUserId)
      .where('next_run_at', '=', toStoredInstant(from))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toReminder(row: Selectable<CheckinRemindersTable>): CheckinReminder {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    createdBy: row.created_by,
    personalFor: row.personal_for,
    selection: selectionOf(row),
    period: row.period === 'last_week' ? 'last_week' : row.period === 'this_week' ? 'this_week' : unreadable(row.id, 'period'),
    weekday: row.weekday,
    time: row.time,
    zone: row.zone,
    status: row.status === 'active' || row.status === 'paused' ? row.status : unreadable(row.id, 'status'),
    createdAt: fromStoredInstant(row.created_at),
  };
}

function toSchedule(row: Pick<CheckinSchedulesTable, 'reminder_id' | 'slack_user_id' | 'zone' | 'next_run_at'>): CheckinSchedule {
  return { reminderId: row.reminder_id, slackUserId: row.slack_user_id, zone: row.zone, nextRunAt: fromStoredInstant(row.next_run_at) };
}

/** The stored JSON of a `CheckinSelection`, checked rather than trusted. */
function selectionOf(row: Selectable<CheckinRemindersTable>): CheckinSelection {
  let value: unknown;
  try {
    value = JSON.parse(row.selection);
  } catch {
    return unreadable(row.id, 'selection');
  }
  if (typeof value === 'object' && value !== null) {
    const kind: unknown = Reflect.get(value, 'kind');
    const kpiIds: unknown = Reflect.get(value, 'kpiIds');
    const groupIds: unknown = Reflect.get(value, 'groupIds');
    if (kind === 'channel_digests' || kind === 'owned') return { kind };
    if (kind === 'kpis' && isStringArray(kpiIds)) return { kind, kpiIds };
    if (kind === 'groups' && isStringArray(groupIds)) return { kind, groupIds };
  }
  return unreadable(row.id, 'selection');
}

function unreadable(id: string, column: string): never {
  throw new CheckinRowUnreadableError(id, column);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
