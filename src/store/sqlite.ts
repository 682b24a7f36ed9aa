/**
 * Opens a SQLite file through better-sqlite3, with the settings a server needs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely';

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
 * better-sqlite3 is synchronous, so this wait blocks the event loop: only another process (the
 * digest CLI, an operator's sqlite3 shell) can hold the lock, and briefly.
 */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqliteDatabase(file: string): BetterSqlite3.Database {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  // WAL lets readers go on while one writer writes, and survives a crash mid-write.
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Off by default in SQLite, per connection; later tables (deliveries → subscriptions) rely on it.
  database.pragma('foreign_keys = ON');
  return database;
}

/**
 * Kysely's SqliteDriver begins transactions with a plain (DEFERRED) `begin`, which takes the write
 * lock only at the first write. Two processes that both read then write would then deadlock,
 * and SQLite fails one of them at once with SQLITE_BUSY, without honouring busy_timeout.
 * `begin immediate` takes the write lock up front, so a second writer waits its turn instead.
 * (That waiting helps between processes only: within one process, a second store on the same
 * file would block the event loop that the first needs to commit. Open one store per process.)
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite does have transactional DDL; Kysely's adapter says it does not, so its Migrator would run
 * migrations outside a transaction. Saying it does makes a failed migration roll back whole, and
 * (with the driver above) makes two processes migrating the same file take turns.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
