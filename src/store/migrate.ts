/**
 * Brings the schema up to date at start, with Kysely's Migrator.
 *
 * Two replicas starting at once are safe: on PostgreSQL the Migrator holds an advisory lock while
 * it migrates, so the second waits, then finds nothing left to do; on SQLite the migration runs in
 * a `begin immediate` transaction (see `sqlite.ts`), which makes another process wait the same way.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Logger } from '../log.js';
import { StoreMigrationError } from './errors.js';
import type { Dialect } from './location.js';
import { migrations as postgresMigrations } from './migrations/postgres/index.js';
import { migrations as sqliteMigrations } from './migrations/sqlite/index.js';
import type { Database } from './schema.js';

/** A fixed list rather than Kysely's FileMigrationProvider: it must work from `dist/` and vitest alike. */
function staticProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations) };
}

export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: Dialect,
  logger: Logger,
  /** The schema kpibot's tables live in (PostgreSQL); the Migrator's own tables go there too. */
  migrationTableSchema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: staticProvider(dialect === 'sqlite' ? sqliteMigrations : postgresMigrations),
    ...(migrationTableSchema !== undefined ? { migrationTableSchema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    if (result.status === 'Success') logger.info('Database migration applied', { migration: result.migrationName, dialect });
  }
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new StoreMigrationError(failed, { cause: error });
  }
}
