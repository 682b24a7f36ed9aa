/**
 * Weekly digest subscriptions: which KPIs go to which channel, on which weekday at which local
 * time, and `next_run_at` (the next slot, UTC), so the scheduler only ever asks "what is due now?".
 * The store only stores: the digest computes every `next_run_at` (digests/subscriptions.ts) and
 * hands it over.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DIGEST_KIND, type DigestSelection, type DigestSubscription } from '../digests/types.js';
import type { SlotOutcome } from '../scheduling/kind.js';
import { DigestRowUnreadableError, DigestSubscriptionNotFoundError } from './digest-errors.js';
import { fromStoredInstant, toStoredInstant } from './instant.js';
import type { Database, DigestSubscriptionsTable } from './schema.js';
import { slotOutcomeColumns } from './slot-outcome.js';

/** What `/kpi digest` collects (see `DigestSubscription` for each field); `create()` adds the id, status, slot and timestamps. */
export type NewDigestSubscription = Pick<
  DigestSubscription,
  'teamId' | 'channelId' | 'ownerUserId' | 'selection' | 'weekday' | 'time' | 'zone' | 'skipWhenUnchanged' | 'listNotUpdated'
> &
  /** Default true: digests carry a chart unless the form's checkbox turned it off. */
  Partial<Pick<DigestSubscription, 'includeChart'>>;

/** What Edit may change. The team and the owner stay. */
export type DigestSubscriptionChanges = Partial<Omit<NewDigestSubscription, 'teamId' | 'ownerUserId'>>;

export interface DigestSubscriptionsRepositoryOptions {
  /** The clock for `created_at`/`updated_at`; tests pass a fake one. */
  now?: () => Date;
}

export class DigestSubscriptionsRepository {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: DigestSubscriptionsRepositoryOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  /** Saves an active subscription whose first slot is `nextRunAt`. */
  async create(input: NewDigestSubscription & { nextRunAt: Date }): Promise<DigestSubscription> {
    const now = this.#now();
    const row = await this.#db
      .insertInto('digest_subscriptions')
      .values({
        id: randomUUID(),
        team_id: input.teamId,
        channel_id: input.channelId,
        owner_user_id: input.ownerUserId,
        selection: JSON.stringify(input.selection),
        weekday: input.weekday,
        time: input.time,
        zone: input.zone,
        skip_when_unchanged: input.skipWhenUnchanged ? 1 : 0,
        list_not_updated: input.listNotUpdated ? 1 : 0,
        include_chart: input.includeChart === false ? 0 : 1,
        status: 'active',
        paused_reason: null,
        next_run_at: toStoredInstant(input.nextRunAt),
        consecutive_failures: 0,
        last_error: null,
        created_at: toStoredInstant(now),
        updated_at: toStoredInstant(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  }

  /**
   * Applies Edit; `nextRunAt` only when the schedule changed (changing only the KPIs must not skip
   * or repeat this week's run). Throws `DigestSubscriptionNotFoundError` (e.g. removed meanwhile).
   */
  async update(id: string, changes: DigestSubscriptionChanges & { nextRunAt?: Date }): Promise<DigestSubscription> {
    const now = this.#now();
    const row = await this.#db
      .updateTable('digest_subscriptions')
      .set({
        ...(changes.channelId !== undefined ? { channel_id: changes.channelId } : {}),
        ...(changes.selection !== undefined ? { selection: JSON.stringify(changes.selection) } : {}),
        ...(changes.skipWhenUnchanged !== undefined ? { skip_when_unchanged: changes.skipWhenUnchanged ? 1 : 0 } : {}),
        ...(changes.listNotUpdated !== undefined ? { list_not_updated: changes.listNotUpdated ? 1 : 0 } : {}),
        ...(changes.includeChart !== undefined ? { include_chart: changes.includeChart ? 1 : 0 } : {}),
        ...(changes.weekday !== undefined ? { weekday: changes.weekday } : {}),
        ...(changes.time !== undefined ? { time: changes.time } : {}),
        ...(changes.zone !== undefined ? { zone: changes.zone } : {}),
        ...(changes.nextRunAt !== undefined ? { next_run_at: toStoredInstant(changes.nextRunAt) } : {}),
        updated_at: toStoredInstant(now),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DigestSubscriptionNotFoundError(id);
    return toSubscription(row);
  }

  async get(id: string): Promise<DigestSubscription | undefined> {
    const row = await this.#db.selectFrom('digest_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscription(row) : undefined;
  }

  /** A channel's subscriptions, oldest first (what `/kpi digest list` shows in that channel). */
  async listByChannel(teamId: string, channelId: string): Promise<DigestSubscription[]> {
    const rows = await this.#db
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('channel_id', '=', channelId)
      // Ties (same millisecond) still come back in one stable order.
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toSubscription);
  }

  /**
   * Stops the schedule. `reason` is null when a person paused it, and one sentence when kpibot
   * did (channel archived, bot removed), shown in `/kpi digest list`. Throws `DigestSubscriptionNotFoundError`.
   */
  async pause(id: string, reason: string | null = null): Promise<DigestSubscription> {
    const row = await this.#db
      .updateTable('digest_subscriptions')
      .set({ status: 'paused', paused_reason: reason, updated_at: toStoredInstant(this.#now()) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DigestSubscriptionNotFoundError(id);
    return toSubscription(row);
  }

  /** Restarts the schedule at `nextRunAt`. Throws `DigestSubscriptionNotFoundError`. */
  async resume(id: string, nextRunAt: Date): Promise<DigestSubscription> {
    const now = this.#now();
    const row = await this.#db
      .updateTable('digest_subscriptions')
      .set({
        status: 'active',
        paused_reason: null,
        consecutive_failures: 0,
        last_error: null,
        next_run_at: toStoredInstant(nextRunAt),
        updated_at: toStoredInstant(now),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DigestSubscriptionNotFoundError(id);
    return toSubscription(row);
  }

  /** Deletes the subscription and its delivery history (its claims, kind `digest`); false when it did not exist. */
  async remove(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      await tx.deleteFrom('scheduled_deliveries').where('kind', '=', DIGEST_KIND).where('subject_id', '=', id).execute();
      const result = await tx.deleteFrom('digest_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /**
   * Active subscriptions whose slot is at or before `at`, by (slot, id): the scheduler's work list,
   * a page of `limit` at a time; `after` continues after the last row of the page before (keyset).
   */
  async listDue(at: Date, after?: { slot: Date; id: string }, limit = 500): Promise<DigestSubscription[]> {
    const rows = await this.#db
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_run_at', '<=', toStoredInstant(at))
      .$if(after !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('next_run_at', '>', toStoredInstant(after!.slot)),
            eb.and([eb('next_run_at', '=', toStoredInstant(after!.slot)), eb('id', '>', after!.id)]),
          ]),
        ),
      )
      .orderBy('next_run_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toSubscription);
  }

  /**
   * Moves the schedule from the slot `from` to the slot `to`, and records how the slot ended in
   * `consecutive_failures`/`last_error` (for operators reading the table). Compare-and-set on
   * `from`: false when someone (another replica, an Edit) moved it already.
   */
  async advance(id: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean> {
    const result = await this.#db
      .updateTable('digest_subscriptions')
      .set((eb) => ({
        next_run_at: toStoredInstant(to),
        ...slotOutcomeColumns(eb, outcome),
        updated_at: toStoredInstant(this.#now()),
      }))
      .where('id', '=', id)
      .where('next_run_at', '=', toStoredInstant(from))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toSubscription(row: Selectable<DigestSubscriptionsTable>): DigestSubscription {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    ownerUserId: row.owner_user_id,
    selection: selectionOf(row),
    weekday: row.weekday,
    time: row.time,
    zone: row.zone,
    skipWhenUnchanged: row.skip_when_unchanged === 1,
    listNotUpdated: row.list_not_updated === 1,
    includeChart: row.include_chart !== 0,
    status: statusOf(row),
    pausedReason: row.paused_reason,
    nextRunAt: fromStoredInstant(row.next_run_at),
    createdAt: fromStoredInstant(row.created_at),
    updatedAt: fromStoredInstant(row.updated_at),
  };
}

/** The stored JSON of a `DigestSelection`, checked rather than trusted. */
function selectionOf(row: Selectable<DigestSubscriptionsTable>): DigestSelection {
  let value: unknown;
  try {
    value = JSON.parse(row.selection);
  } catch {
    throw new DigestRowUnreadableError(row.id, 'selection');
  }
  if (typeof value === 'object' && value !== null) {
    const kind: unknown = Reflect.get(value, 'kind');
    const kpiIds: unknown = Reflect.get(value, 'kpiIds');
    const groupIds: unknown = Reflect.get(value, 'groupIds');
    if (kind === 'favorites') return { kind };
    if (kind === 'kpis' && isStringArray(kpiIds)) return { kind, kpiIds };
    if (kind === 'groups' && isStringArray(groupIds)) return { kind, groupIds };
  }
  throw new DigestRowUnreadableError(row.id, 'selection');
}

function statusOf(row: Selectable<DigestSubscriptionsTable>): DigestSubscription['status'] {
  const status: string = row.status;
  if (status === 'active' || status === 'paused') return status;
  throw new DigestRowUnreadableError(row.id, 'status');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
