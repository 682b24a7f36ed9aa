/**
 * The journal of KPI values submitted from Slack. A row is begun (pending) before Gtmhub is
 * called and completed after, so no submission vanishes without a trace, and the idempotency key
 * keeps a retried or doubled Slack request from being recorded twice.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { SubmissionAlreadyCompletedError, SubmissionNotFoundError } from './errors.js';
import { fromStoredInstant, toStoredInstant } from './instant.js';
import type { Database, SubmissionsTable } from './schema.js';
import type { BeginResult, NewSubmission, Submission, SubmissionOutcome, SubmissionStatus } from './submission.js';

export interface SubmissionsRepositoryOptions {
  /** The clock stamping `created_at`/`completed_at`; tests pass a fake one. */
  now?: () => Date;
}

/**
 * `unknown` may still be settled: the sweeper marks a stale pending row unknown, and if the
 * process that called Gtmhub was only slow, its real outcome is better information.
 */
const COMPLETABLE: readonly SubmissionStatus[] = ['pending', 'unknown'];

export class SubmissionsRepository {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: SubmissionsRepositoryOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Inserts a pending row, or returns the row already holding `idempotencyKey`. Race-safe: the
   * UNIQUE constraint decides (`on conflict do nothing`), not a read before the write.
   */
  async begin(input: NewSubmission): Promise<BeginResult> {
    const inserted = await this.#db
      .insertInto('submissions')
      .values({
        id: randomUUID(),
        team_id: input.teamId,
        user_id: input.userId,
        kpi_id: input.kpiId,
        kpi_name: input.kpiName,
        period: input.period,
        time_zone: input.timeZone,
        value: input.value,
        raw_input: input.rawInput,
        source: input.source,
        status: 'pending',
        error: null,
        previous_value: null,
        idempotency_key: input.idempotencyKey,
        created_at: toStoredInstant(this.#now()),
        completed_at: null,
      })
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, submission: toSubmission(inserted) };

    // The conflicting row is committed by now (PostgreSQL made this insert wait for it), so it is visible.
    const existing = await this.#db
      .selectFrom('submissions')
      .selectAll()
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { created: false, existing: toSubmission(existing) };
  }

  /**
   * Records Gtmhub's answer. Throws SubmissionNotFoundError for an unknown id and
   * SubmissionAlreadyCompletedError when the row is already `recorded` or `failed`: a final
   * outcome is never overwritten (e.g. by a sweeper that lost a race with the real answer).
   */
  async complete(id: string, outcome: SubmissionOutcome): Promise<Submission> {
    const updated = await this.#db
      .updateTable('submissions')
      .set({
        status: outcome.status,
        error: outcome.error ?? null,
        completed_at: toStoredInstant(this.#now()),
        ...(outcome.previousValue !== undefined ? { previous_value: outcome.previousValue } : {}),
      })
      .where('id', '=', id)
      .where('status', 'in', COMPLETABLE)
      .returningAll()
      .executeTakeFirst();
    if (updated) return toSubmission(updated);

    const current = await this.#db.selectFrom('submissions').select('status').where('id', '=', id).executeTakeFirst();
    if (!current) throw new SubmissionNotFoundError(id);
    throw new SubmissionAlreadyCompletedError(id, current.status);
  }

  /** The user's latest submissions in a workspace, newest first. */
  async recentForUser(teamId: string, userId: string, limit = 10): Promise<Submission[]> {
    const rows = await this.#db
      .selectFrom('submissions')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      // Ties (same millisecond) still come back in one stable order.
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toSubmission);
  }

  /** Rows still pending that were begun before `instant`, oldest first: the sweeper's work list. */
  async pendingOlderThan(instant: Date): Promise<Submission[]> {
    const rows = await this.#db
      .selectFrom('submissions')
      .selectAll()
      .where('status', '=', 'pending')
      .where('created_at', '<', toStoredInstant(instant))
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toSubmission);
  }
}

function toSubmission(row: Selectable<SubmissionsTable>): Submission {
  return {
    id: row.id,
    teamId: row.team_id,
    userId: row.user_id,
    kpiId: row.kpi_id,
    kpiName: row.kpi_name,
    period: row.period,
    timeZone: row.time_zone,
    value: row.value,
    rawInput: row.raw_input,
    source: row.source,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    error: row.error,
    previousValue: row.previous_value,
    createdAt: fromStoredInstant(row.created_at),
    completedAt: row.completed_at === null ? null : fromStoredInstant(row.completed_at),
  };
}
