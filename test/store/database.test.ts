/**
 * openStore on every available dialect: migrations, their idempotence and concurrency, and the
 * connection settings each dialect needs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/database.js';
import { StoreMigrationError } from '../../src/store/errors.js';
import { migrations as postgresMigrations } from '../../src/store/migrations/postgres/index.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';

const appliedMigrations = (lines: string[]) => lines.filter((line) => line.includes('Database migration applied'));

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`openStore ${target.name}`, () => {
    const opened: Store[] = [];
    let place: StorePlace;

    const open = async (options: Parameters<StorePlace['open']>[0] = {}) => {
      const store = await place.open(options);
      opened.push(store);
      return store;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await place?.remove();
    });

    const tableNames = async (store: Store) =>
      (await store.db.introspection.getTables()).filter((t) => place.schema === undefined || t.schema === place.schema).map((t) => t.name);

    it('creates the submissions table', async () => {
      place = await freshStorePlace(target.dialect);
      const store = await open();
      expect(await tableNames(store)).toContain('submissions');
    });

    it('applies nothing when opened a second time, and keeps the data', async () => {
      place = await freshStorePlace(target.dialect);
      const first = await open();
      await first.db.insertInto('submissions').values(aRow('kept')).execute();
      await first.close();
      opened.splice(0);

      const logger = createMemoryLogger();
      const second = await open({ logger });
      expect(appliedMigrations(logger.lines)).toEqual([]);
      expect(await second.db.selectFrom('submissions').select('id').execute()).toEqual([{ id: 'kept' }]);
    });

    it('creates no table when asked not to migrate', async () => {
      place = await freshStorePlace(target.dialect);
      const store = await open({ migrate: false });
      expect(await tableNames(store)).not.toContain('submissions');
    });

    it('fails with a StoreMigrationError naming the migration that could not run', async () => {
      place = await freshStorePlace(target.dialect);
      const bare = await open({ migrate: false });
      // A table in the way makes 0001's `create table submissions` fail.
      await bare.db.schema.createTable('submissions').addColumn('id', 'text').execute();

      const failure = await open().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreMigrationError);
      expect(failure).toMatchObject({ code: 'store_migration', migrationName: '0001_submissions' });
    });
  });
}

describe('openStore on SQLite, settings', () => {
  let folder: string;
  let store: Store | undefined;

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  const openIn = async (...segments: string[]) => {
    folder = await mkdtemp(path.join(tmpdir(), 'kpibot-sqlite-'));
    const sqlitePath = path.join(folder, ...segments);
    store = await openStore({ sqlitePath, logger: createMemoryLogger() });
    return { store, sqlitePath };
  };

  it('creates the folders of the SQLite file when they are missing', async () => {
    const { sqlitePath } = await openIn('not', 'yet', 'there', 'kpibot.sqlite');
    expect(existsSync(sqlitePath)).toBe(true);
  });

  it('uses write-ahead logging and enforces foreign keys', async () => {
    const { store } = await openIn('kpibot.sqlite');
    const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const { rows: foreignKeys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    expect(journal).toEqual([{ journal_mode: 'wal' }]);
    expect(foreignKeys).toEqual([{ foreign_keys: 1 }]);
  });

  it('takes the write lock when a transaction begins, before its first write (BEGIN IMMEDIATE)', async () => {
    const { store, sqlitePath } = await openIn('kpibot.sqlite');
    // Another process's connection, that gives up at once instead of waiting for the lock.
    const other = new BetterSqlite3(sqlitePath, { timeout: 0 });
    try {
      const otherCanWrite = await store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('submissions').select('id').execute();
        try {
          other.exec('begin immediate; rollback');
          return true;
        } catch (error) {
          return (error as { code?: string }).code;
        }
      });
      // With a deferred `begin` the other writer would have got in, and one of the two would later fail.
      expect(otherCanWrite).toBe('SQLITE_BUSY');
    } finally {
      other.close();
    }
  });
});

const postgres = storeTargets().find((target) => target.dialect === 'postgres')!;

describe.skipIf(postgres.skipReason !== undefined)(`openStore ${postgres.name}, replicas and settings`, () => {
  const opened: Store[] = [];
  let place: StorePlace;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await place.remove();
  });

  const open = async (options: Parameters<StorePlace['open']>[0] = {}) => {
    const store = await place.open(options);
    opened.push(store);
    return store;
  };

  // Two app replicas starting at once. (SQLite serves a single process: two stores on one file in
  // the same process cannot interleave transactions, since better-sqlite3 waits for locks synchronously.)
  it('migrates once when two stores open the same fresh schema at the same time', async () => {
    place = await freshStorePlace('postgres');
    const loggers = [createMemoryLogger(), createMemoryLogger()];
    const stores = await Promise.all(loggers.map((logger) => open({ logger })));
    // Each migration applied exactly once, by one of the two.
    expect(loggers.flatMap((logger) => appliedMigrations(logger.lines))).toHaveLength(Object.keys(postgresMigrations).length);
    const tables = await stores[0]!.db.introspection.getTables();
    expect(tables.filter((t) => t.schema === place.schema).map((t) => t.name)).toContain('submissions');
  });

  it("names its connections 'kpibot' and confines them to the given schema", async () => {
    place = await freshStorePlace('postgres');
    const store = await open();
    const { rows } = await sql<{ application_name: string; schema: string }>`
      select current_setting('application_name') as application_name, current_schema() as schema`.execute(store.db);
    expect(rows).toEqual([{ application_name: 'kpibot', schema: place.schema }]);
  });
});

function aRow(id: string) {
  return {
    id,
    team_id: 'T1',
    user_id: 'U1',
    kpi_id: 'kpi-1',
    kpi_name: 'Revenue',
    period: '2026-W48',
    time_zone: 'UTC+1',
    value: 1,
    raw_input: '1',
    source: 'command' as const,
    status: 'pending' as const,
    error: null,
    previous_value: null,
    idempotency_key: `key-${id}`,
    created_at: '2026-11-23T09:00:00.000Z',
    completed_at: null,
  };
}
