/**
 * Alert rules (`/kpi alert`): what each watches, its condition, its edge state per KPI, and
 * `next_poll_at` so the poll only asks "which rules are due?". The store only stores: the alerts
 * decide when to poll and what the state becomes, and hand it over.
 *
 * The table is added by migration 0009 (`migrations/<dialect>/0009_alerts.ts`); its row type is
 * declared here and added with Kysely's `withTables`, as `people-links-repository.ts` does.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { alertClaimKey } from '../alerts/keys.js';
import { ALERT_KIND, type AlertCondition, type AlertFiring, type AlertRule, type AlertTarget, type EdgeState, type PendingFiring } from '../alerts/types.js';
import type { SlotOutcome } from '../scheduling/kind.js';
import { fromStoredInstant, toStoredInstant, type StoredInstant } from './instant.js';
import type { Database } from './schema.js';
import { slotOutcomeColumns } from './slot-outcome.js';

export interface AlertRulesTable {
  id: string;
  team_id: string;
  channel_id: string;
  personal: number;
  owner_user_id: string;
  target_kind: string;
  target_id: string;
  zone: string;
  condition: string;
  status: string;
  paused_reason: string | null;
  muted_until: StoredInstant | null;
  state: string;
  state_version: number;
  next_poll_at: StoredInstant;
  consecutive_failures: number;
  last_error: string | null;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/** The alerts' outbox (migration 0011): a firing waiting for its post, or done. */
export interface AlertFiringsTable {
  id: string;
  rule_id: string;
  kpi_id: string;
  period: string;
  crossing: number;
  value: number | null;
  previous: number | null;
  recorded_at: string | null;
  detected_at: StoredInstant;
  status: string;
}

type WithAlertRules = { alert_rules: AlertRulesTable; alert_firings: AlertFiringsTable };

/** One page of the outbox's due query. */
const FIRINGS_PAGE = 500;

/** What `/kpi alert` collects; `create()` adds the id, status, state, slot and timestamps. */
export type NewAlertRule = Pick<AlertRule, 'teamId' | 'channelId' | 'personal' | 'ownerUserId' | 'target' | 'zone' | 'condition'>;

/** A stored row holds what kpibot cannot read back (edited by hand, or written by a newer kpibot). */
export class AlertRowUnreadableError extends Error {
  readonly code = 'alert_row_unreadable' as const;
  constructor(
    readonly ruleId: string,
    readonly column: string,
  ) {
    super(`The alert rule ${ruleId} has a ${column} kpibot cannot read; fix or remove the row.`);
    this.name = 'AlertRowUnreadableError';
  }
}

export class AlertRulesRepository {
  readonly #db: Kysely<Database & WithAlertRules>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: { now?: () => Date } = {}) {
    this.#db = db.withTables<WithAlertRules>();
    this.#now = options.now ?? (() => new Date());
  }

  /** Saves an active rule, first polled at `nextPollAt`, with no edge state yet. */
  async create(input: NewAlertRule & { nextPollAt: Date }): Promise<AlertRule> {
    const now = toStoredInstant(this.#now());
    const row = await this.#db
      .insertInto('alert_rules')
      .values({
        id: randomUUID(),
        team_id: input.teamId,
        channel_id: input.channelId,
        personal: input.personal ? 1 : 0,
        owner_user_id: input.ownerUserId,
        target_kind: input.target.kind,
        target_id: input.target.kind === 'kpi' ? input.target.kpiId : input.target.groupId,
        zone: input.zone,
        condition: JSON.stringify(input.condition),
        status: 'active',
        paused_reason: null,
        muted_until: null,
        state: '{}',
        state_version: 0,
        next_poll_at: toStoredInstant(input.nextPollAt),
        consecutive_failures: 0,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRule(row);
  }

  async get(id: string): Promise<AlertRule | undefined> {
    const row = await this.#db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  /** The rules posting to a channel (or a person's personal rules: their user id), oldest first. */
  async listByChannel(teamId: string, channelId: string): Promise<AlertRule[]> {
    const rows = await this.#db
      .selectFrom('alert_rules')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toRule);
  }

  /** Every rule of a workspace, channel by channel (what a KPI admin's `/kpi alert list` shows). */
  async listByTeam(teamId: string, limit = 500): Promise<AlertRule[]> {
    const rows = await this.#db
      .selectFrom('alert_rules')
      .selectAll()
      .where('team_id', '=', teamId)
      .orderBy('channel_id', 'asc')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRule);
  }

  /**
   * Changes what a rule watches, its zone and condition (Edit), with the edge state the alerts
   * give it (`restartEdges`), polled next at `nextPollAt`.
   */
  async update(id: string, input: Pick<AlertRule, 'target' | 'zone' | 'condition' | 'state'> & { nextPollAt: Date }): Promise<AlertRule | undefined> {
    const row = await this.#db
      .updateTable('alert_rules')
      .set((eb) => ({
        target_kind: input.target.kind,
        target_id: input.target.kind === 'kpi' ? input.target.kpiId : input.target.groupId,
        zone: input.zone,
        condition: JSON.stringify(input.condition),
        state: JSON.stringify(input.state),
        state_version: eb('state_version', '+', 1),
        next_poll_at: toStoredInstant(input.nextPollAt),
        updated_at: toStoredInstant(this.#now()),
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  /** Active rules watching one KPI directly or one of `groupIds` (the Slack trigger's question). */
  async listActiveWatching(teamId: string, kpiId: string, groupIds: readonly string[]): Promise<AlertRule[]> {
    const rows = await this.#db
      .selectFrom('alert_rules')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb.and([eb('target_kind', '=', 'kpi'), eb('target_id', '=', kpiId)]),
          ...(groupIds.length > 0 ? [eb.and([eb('target_kind', '=', 'group'), eb('target_id', 'in', [...groupIds])])] : []),
        ]),
      )
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toRule);
  }

  /** Active rules whose poll is at or before `at`, earliest first: the poll's work list. */
  async listDue(at: Date, limit = 10_000): Promise<AlertRule[]> {
    const rows = await this.#db
      .selectFrom('alert_rules')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_poll_at', '<=', toStoredInstant(at))
      .orderBy('next_poll_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRule);
  }

  /** Moves the poll from `from` to `to` (compare-and-set: false when someone moved it already). */
  async advance(id: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean> {
    const result = await this.#db
      .updateTable('alert_rules')
      .set((eb) => ({
        next_poll_at: toStoredInstant(to),
        ...slotOutcomeColumns(eb, outcome),
        updated_at: toStoredInstant(this.#now()),
      }))
      .where('id', '=', id)
      .where('next_poll_at', '=', toStoredInstant(from))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Writes the edge state if nobody wrote it since `version` was read (another replica, the Slack
   * trigger): false when they did, and the caller re-reads and re-decides. `firings` go into the
   * outbox in the same transaction: saved state and queued alerts stand or fall together. A
   * firing's slot is `detectedAt` (the poll's moment: due in the run that follows it), default now.
   */
  async saveState(id: string, version: number, state: Record<string, EdgeState>, firings: readonly AlertFiring[] = [], detectedAt?: Date): Promise<boolean> {
    const now = toStoredInstant(this.#now());
    const detected = toStoredInstant(detectedAt ?? this.#now());
    return this.#db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('alert_rules')
        .set({ state: JSON.stringify(state), state_version: version + 1, updated_at: now })
        .where('id', '=', id)
        .where('state_version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      if (firings.length > 0) {
        await tx
          .insertInto('alert_firings')
          .values(
            firings.map((f) => ({
              id: alertClaimKey(f),
              rule_id: f.ruleId,
              kpi_id: f.kpiId,
              period: f.period,
              crossing: f.crossing,
              value: f.value ?? null,
              previous: f.previous ?? null,
              recorded_at: f.recordedAt ?? null,
              detected_at: detected,
              status: 'pending',
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
      return true;
    });
  }

  /**
   * Pending firings detected at or before `at`, with their rules, in (detected at, id) order, a
   * page at a time after `after`: the alert kind's due query.
   */
  async listPendingFirings(at: Date, after?: { slot: Date; id: string }): Promise<PendingFiring[]> {
    let query = this.#firingsWithRules().where('f.status', '=', 'pending').where('f.detected_at', '<=', toStoredInstant(at));
    if (after) {
      const slot = toStoredInstant(after.slot);
      query = query.where((eb) => eb.or([eb('f.detected_at', '>', slot), eb.and([eb('f.detected_at', '=', slot), eb('f.id', '>', after.id)])]));
    }
    const rows = await query.orderBy('f.detected_at', 'asc').orderBy('f.id', 'asc').limit(FIRINGS_PAGE).execute();
    return rows.map(toPendingFiring);
  }

  /** One firing by id (its claim key), with its rule. */
  async getFiring(id: string): Promise<PendingFiring | undefined> {
    const row = await this.#firingsWithRules().where('f.id', '=', id).executeTakeFirst();
    return row ? toPendingFiring(row) : undefined;
  }

  #firingsWithRules() {
    return this.#db
      .selectFrom('alert_firings as f')
      .innerJoin('alert_rules as r', 'r.id', 'f.rule_id')
      .selectAll('r')
      .select(['f.id as f_id', 'f.kpi_id as f_kpi_id', 'f.period as f_period', 'f.crossing as f_crossing', 'f.value as f_value', 'f.previous as f_previous', 'f.recorded_at as f_recorded_at', 'f.detected_at as f_detected_at']);
  }

  /** Marks a firing's post settled (sent, skipped, missed or failed): it leaves the due query. */
  async settleFiring(id: string): Promise<boolean> {
    const result = await this.#db.updateTable('alert_firings').set({ status: 'done' }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Stops an active rule; `reason` is one sentence when kpibot paused it (dead channel, KPI
   * deleted), null when a person did. False when it was not active (another replica paused it first).
   */
  async pause(id: string, reason: string | null = null): Promise<boolean> {
    const result = await this.#db
      .updateTable('alert_rules')
      .set({ status: 'paused', paused_reason: reason, updated_at: toStoredInstant(this.#now()) })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Restarts the rule, polled next at `nextPollAt`. */
  async resume(id: string, nextPollAt: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('alert_rules')
      .set({ status: 'active', paused_reason: null, consecutive_failures: 0, last_error: null, next_poll_at: toStoredInstant(nextPollAt), updated_at: toStoredInstant(this.#now()) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Mutes the rule until `until` (Mute for a week); null unmutes. */
  async mute(id: string, until: Date | null): Promise<boolean> {
    const result = await this.#db
      .updateTable('alert_rules')
      .set({ muted_until: until ? toStoredInstant(until) : null, updated_at: toStoredInstant(this.#now()) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes the rule, its firings and their claims (kind `alert`, one subject per firing); false when it did not exist. */
  async remove(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      const firings = tx.selectFrom('alert_firings').select('id').where('rule_id', '=', id);
      await tx.deleteFrom('scheduled_deliveries').where('kind', '=', ALERT_KIND).where('subject_id', 'in', firings).execute();
      await tx.deleteFrom('alert_firings').where('rule_id', '=', id).execute();
      const result = await tx.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}

type FiringWithRuleRow = Selectable<AlertRulesTable> & {
  f_id: string;
  f_kpi_id: string;
  f_period: string;
  f_crossing: number;
  f_value: number | null;
  f_previous: number | null;
  f_recorded_at: string | null;
  f_detected_at: StoredInstant;
};

function toPendingFiring(row: FiringWithRuleRow): PendingFiring {
  return {
    id: row.f_id,
    ruleId: row.id,
    kpiId: row.f_kpi_id,
    period: row.f_period,
    crossing: row.f_crossing,
    value: row.f_value ?? undefined,
    previous: row.f_previous ?? undefined,
    recordedAt: row.f_recorded_at ?? undefined,
    detectedAt: fromStoredInstant(row.f_detected_at),
    rule: toRule(row),
  };
}

function toRule(row: Selectable<AlertRulesTable>): AlertRule {
  const status: string = row.status;
  if (status !== 'active' && status !== 'paused') throw new AlertRowUnreadableError(row.id, 'status');
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    personal: row.personal === 1,
    ownerUserId: row.owner_user_id,
    target: targetOf(row),
    zone: row.zone,
    condition: conditionOf(row),
    status,
    pausedReason: row.paused_reason,
    mutedUntil: row.muted_until === null ? null : fromStoredInstant(row.muted_until),
    state: stateOf(row),
    stateVersion: row.state_version,
    nextPollAt: fromStoredInstant(row.next_poll_at),
    createdAt: fromStoredInstant(row.created_at),
    updatedAt: fromStoredInstant(row.updated_at),
  };
}

function targetOf(row: Selectable<AlertRulesTable>): AlertTarget {
  if (row.target_kind === 'kpi') return { kind: 'kpi', kpiId: row.target_id };
  if (row.target_kind === 'group') return { kind: 'group', groupId: row.target_id };
  throw new AlertRowUnreadableError(row.id, 'target_kind');
}

function parsed(row: Selectable<AlertRulesTable>, column: 'condition' | 'state'): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(row[column]);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw new AlertRowUnreadableError(row.id, column);
}

/** The stored JSON of an `AlertCondition`, checked rather than trusted. */
function conditionOf(row: Selectable<AlertRulesTable>): AlertCondition {
  const c = parsed(row, 'condition');
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if ((c.kind === 'above' || c.kind === 'below') && num(c.threshold)) return { kind: c.kind, threshold: c.threshold };
  if (c.kind === 'changed' && num(c.by) && (c.unit === 'percent' || c.unit === 'units') && (c.direction === 'either' || c.direction === 'bad')) {
    return { kind: 'changed', by: c.by, unit: c.unit, direction: c.direction };
  }
  if (c.kind === 'wrong_way' && num(c.periods) && Number.isInteger(c.periods) && c.periods >= 1) return { kind: 'wrong_way', periods: c.periods };
  throw new AlertRowUnreadableError(row.id, 'condition');
}

function stateOf(row: Selectable<AlertRulesTable>): Record<string, EdgeState> {
  const raw = parsed(row, 'state');
  const state: Record<string, EdgeState> = {};
  for (const [kpiId, v] of Object.entries(raw)) {
    if (typeof v !== 'object' || v === null) throw new AlertRowUnreadableError(row.id, 'state');
    const e = v as Record<string, unknown>;
    if (
      !(e.period === null || typeof e.period === 'string') ||
      typeof e.holds !== 'boolean' ||
      typeof e.firedInPeriod !== 'boolean' ||
      typeof e.crossings !== 'number'
    ) {
      throw new AlertRowUnreadableError(row.id, 'state');
    }
    state[kpiId] = { period: e.period, holds: e.holds, firedInPeriod: e.firedInPeriod, crossings: e.crossings };
  }
  return state;
}
