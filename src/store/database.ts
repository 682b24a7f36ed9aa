/**
 * Opens kpibot's database: SQLite by default, PostgreSQL when given a `postgres://` URL, migrated
 * to the latest schema before anything else uses it.
 */
import { Kysely, sql } from 'kysely';
import type { Logger } from '../log.js';
import { StoreConfigError } from './errors.js';
import { resolveStoreLocation, type Dialect } from './location.js';
import { migrateToLatest } from './migrate.js';
import { OwnSchemaPostgresDialect } from './own-schema-introspector.js';
import { openPostgresPool } from './postgres.js';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect, openSqliteDatabase } from './sqlite.js';

export type { Dialect } from './location.js';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Closes the SQLite file or ends the PostgreSQL pool; the store is unusable afterwards. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `DATABASE_URL`: undefined → SQLite at `sqlitePath` or `./data/kpibot.sqlite`. See `resolveStoreLocation`. */
  url?: string;
  /** The SQLite file when `url` is undefined. */
  sqlitePath?: string;
  /** PostgreSQL only: keep every table in this schema (created if missing). Tests use one per suite. */
  schema?: string;
  logger: Logger;
  /** Run pending migrations before returning. Default true. */
  migrate?: boolean;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = resolveStoreLocation(options.url, options.sqlitePath);
  const logger = options.logger.child({ component: 'store', dialect: location.dialect });

  let db: Kysely<Database>;
  if (location.dialect === 'sqlite') {
    db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(location.path)) });
  } else {
    const pool = await openPostgresPool(location.url, options.schema, logger);
    db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  }

  try {
    if (options.migrate ?? true) {
      const migrationTableSchema = location.dialect === 'postgres' ? await currentSchema(db) : undefined;
      await migrateToLatest(db, location.dialect, logger, migrationTableSchema);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }

  // The path, never the URL: a PostgreSQL URL may hold a password.
  logger.info('Database opened', location.dialect === 'sqlite' ? { path: location.path } : { schema: options.schema ?? null });
  return { db, dialect: location.dialect, close: () => db.destroy() };
}

/**
 * Where unqualified tables go. The Migrator is told so explicitly because, left alone, it looks
 * for its own table in every schema of the database and would find another schema's.
 */
async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new StoreConfigError('PostgreSQL has no current schema: set a search_path that names an existing schema.');
  return schema;
}
