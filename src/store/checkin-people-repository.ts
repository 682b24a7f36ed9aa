/**
 * What kpibot remembers per person for check-ins: the DM sent for a (reminder, person, period) —
 * its ts, so that it can be updated in place, its KPIs and a snooze —, *Not this week* per KPI and
 * period, and who turned reminder DMs off. Tables of migration 0010, declared with `withTables`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CheckinDm } from '../checkins/types.js';
import { fromStoredInstant, toStoredInstant, type StoredInstant } from './instant.js';
import type { Database } from './schema.js';

export interface CheckinDmsTable {
  reminder_id: string;
  slack_user_id: string;
  period: string;
  team_id: string;
  channel_id: string;
  message_ts: string;
  /** JSON array of KPI ids. */
  kpi_ids: string;
  snooze_until: StoredInstant | null;
  created_at: StoredInstant;
  /** JSON array of the other reminders this DM stands for (merged at one slot), or null (migration 0013). */
  merged_from: string | null;
}

export interface CheckinSkipsTable {
  team_id: string;
  slack_user_id: string;
  kpi_id: string;
  period: string;
  created_at: StoredInstant;
}

export interface CheckinOptoutsTable {
  team_id: string;
  slack_user_id: string;
  created_at: StoredInstant;
}

/** Migration 0012: *Stop reminders from #channel*, per reminder and person. */
export interface CheckinStopsTable {
  reminder_id: string;
  slack_user_id: string;
  created_at: StoredInstant;
}

type WithCheckinPeople = { checkin_dms: CheckinDmsTable; checkin_skips: CheckinSkipsTable; checkin_optouts: CheckinOptoutsTable; checkin_stops: CheckinStopsTable };

export class CheckinPeopleRepository {
  readonly #db: Kysely<Database & WithCheckinPeople>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: { now?: () => Date } = {}) {
    this.#db = db.withTables<WithCheckinPeople>();
    this.#now = options.now ?? (() => new Date());
  }

  /** Remembers the DM just posted (a re-send after a snooze replaces the ts it updates). */
  async recordDm(dm: Omit<CheckinDm, 'snoozeUntil'>): Promise<void> {
    const row: CheckinDmsTable = {
      reminder_id: dm.reminderId,
      slack_user_id: dm.slackUserId,
      period: dm.period,
      team_id: dm.teamId,
      channel_id: dm.channelId,
      message_ts: dm.messageTs,
      kpi_ids: JSON.stringify(dm.kpiIds),
      snooze_until: null,
      created_at: toStoredInstant(this.#now()),
      merged_from: dm.mergedFrom !== undefined && dm.mergedFrom.length > 0 ? JSON.stringify(dm.mergedFrom) : null,
    };
    await this.#db
      .insertInto('checkin_dms')
      .values(row)
      .onConflict((oc) => oc.columns(['reminder_id', 'slack_user_id', 'period']).doUpdateSet({ channel_id: row.channel_id, message_ts: row.message_ts, kpi_ids: row.kpi_ids, snooze_until: null, merged_from: row.merged_from }))
      .execute();
  }

  async dmOf(reminderId: string, slackUserId: string, period: string): Promise<CheckinDm | undefined> {
    const row = await this.#db.selectFrom('checkin_dms').selectAll().where('reminder_id', '=', reminderId).where('slack_user_id', '=', slackUserId).where('period', '=', period).executeTakeFirst();
    return row ? toDm(row) : undefined;
  }

  /** The person's DMs that list `kpiId` (to update when a value is recorded), any period. */
  async dmsListing(teamId: string, slackUserId: string, kpiId: string): Promise<CheckinDm[]> {
    const rows = await this.#db.selectFrom('checkin_dms').selectAll().where('team_id', '=', teamId).where('slack_user_id', '=', slackUserId).execute();
    return rows.map(toDm).filter((dm) => dm.kpiIds.includes(kpiId));
  }

  async snooze(reminderId: string, slackUserId: string, period: string, until: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('checkin_dms')
      .set({ snooze_until: toStoredInstant(until) })
      .where('reminder_id', '=', reminderId)
      .where('slack_user_id', '=', slackUserId)
      .where('period', '=', period)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** DMs whose snooze ends at or before `at`, earliest first. */
  async listSnoozedDue(at: Date): Promise<CheckinDm[]> {
    const rows = await this.#db.selectFrom('checkin_dms').selectAll().where('snooze_until', 'is not', null).where('snooze_until', '<=', toStoredInstant(at)).orderBy('snooze_until').execute();
    return rows.map(toDm);
  }

  /** *Not this week*: idempotent. */
  async skip(teamId: string, slackUserId: string, kpiId: string, period: string): Promise<void> {
    await this.#db
      .insertInto('checkin_skips')
      .values({ team_id: teamId, slack_user_id: slackUserId, kpi_id: kpiId, period, created_at: toStoredInstant(this.#now()) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** The KPIs put off for `period` in the workspace, by anyone (the digest's *skipped by owner*). */
  async skippedKpis(teamId: string, period: string): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('checkin_skips').select('kpi_id').where('team_id', '=', teamId).where('period', '=', period).execute();
    return new Set(rows.map((r) => r.kpi_id));
  }

  /** What `slackUserId` put off for `period`. */
  async skippedBy(teamId: string, slackUserId: string, period: string): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('checkin_skips').select('kpi_id').where('team_id', '=', teamId).where('slack_user_id', '=', slackUserId).where('period', '=', period).execute();
    return new Set(rows.map((r) => r.kpi_id));
  }

  /** `/kpi remind off` (true) or `on` (false); idempotent. */
  async setOptedOut(teamId: string, slackUserId: string, optedOut: boolean): Promise<void> {
    if (!optedOut) {
      await this.#db.deleteFrom('checkin_optouts').where('team_id', '=', teamId).where('slack_user_id', '=', slackUserId).execute();
      return;
    }
    await this.#db.insertInto('checkin_optouts').values({ team_id: teamId, slack_user_id: slackUserId, created_at: toStoredInstant(this.#now()) }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** *Stop reminders from #channel*: this reminder sends the person nothing more; idempotent. */
  async stop(reminderId: string, slackUserId: string): Promise<void> {
    await this.#db.insertInto('checkin_stops').values({ reminder_id: reminderId, slack_user_id: slackUserId, created_at: toStoredInstant(this.#now()) }).onConflict((oc) => oc.doNothing()).execute();
  }

  async stopped(reminderId: string, slackUserId: string): Promise<boolean> {
    const row = await this.#db.selectFrom('checkin_stops').select('slack_user_id').where('reminder_id', '=', reminderId).where('slack_user_id', '=', slackUserId).executeTakeFirst();
    return row !== undefined;
  }

  /** Clears a snooze once its re-send is settled (compare-and-set on the snooze it was). */
  async clearSnooze(reminderId: string, slackUserId: string, period: string, until: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('checkin_dms')
      .set({ snooze_until: null })
      .where('reminder_id', '=', reminderId)
      .where('slack_user_id', '=', slackUserId)
      .where('period', '=', period)
      .where('snooze_until', '=', toStoredInstant(until))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async optedOut(teamId: string): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('checkin_optouts').select('slack_user_id').where('team_id', '=', teamId).execute();
    return new Set(rows.map((r) => r.slack_user_id));
  }
}

function toDm(row: Selectable<CheckinDmsTable>): CheckinDm {
  const kpiIds: unknown = JSON.parse(row.kpi_ids);
  const mergedFrom: unknown = row.merged_from === null ? [] : JSON.parse(row.merged_from);
  return {
    reminderId: row.reminder_id,
    slackUserId: row.slack_user_id,
    period: row.period,
    teamId: row.team_id,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    kpiIds: Array.isArray(kpiIds) ? kpiIds.filter((id): id is string => typeof id === 'string') : [],
    snoozeUntil: row.snooze_until === null ? null : fromStoredInstant(row.snooze_until),
    ...(Array.isArray(mergedFrom) && mergedFrom.length > 0 ? { mergedFrom: mergedFrom.filter((id): id is string => typeof id === 'string') } : {}),
  };
}
