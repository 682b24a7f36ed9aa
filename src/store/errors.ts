/**
 * Errors of the store. Operator-facing ones say what to change; none ever carries a database URL,
 * because a PostgreSQL URL may hold a password.
 */

/** The store's settings (`DATABASE_URL`, the PostgreSQL schema) name a database kpibot cannot use. */
export class StoreConfigError extends Error {
  readonly code = 'store_config' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StoreConfigError';
  }
}

/** A migration failed at start: the database was left at the last migration that succeeded. */
export class StoreMigrationError extends Error {
  readonly code = 'store_migration' as const;
  constructor(
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    super(
      migrationName
        ? `The database migration "${migrationName}" failed; fix the cause below and restart kpibot.`
        : 'The database migrations could not run; check that the database is reachable and writable.',
      options,
    );
    this.name = 'StoreMigrationError';
  }
}

/** `complete()` was called with an id that no submission has. */
export class SubmissionNotFoundError extends Error {
  readonly code = 'submission_not_found' as const;
  constructor(readonly submissionId: string) {
    super(`No submission has the id ${submissionId}.`);
    this.name = 'SubmissionNotFoundError';
  }
}

/** `complete()` was called on a submission whose outcome is already final (recorded or failed). */
export class SubmissionAlreadyCompletedError extends Error {
  readonly code = 'submission_already_completed' as const;
  constructor(
    readonly submissionId: string,
    readonly status: string,
  ) {
    super(`The submission ${submissionId} is already ${status}.`);
    this.name = 'SubmissionAlreadyCompletedError';
  }
}
