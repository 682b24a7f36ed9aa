/**
 * Stores for tests, on both dialects: a real SQLite file in a temporary folder (never `:memory:`,
 * which has no WAL, no file locks and no second connection), and, when `TEST_DATABASE_URL` is set,
 * a fresh PostgreSQL schema. Suites that must hold on both loop over `storeTargets()`:
 *
 *   for (const target of storeTargets()) {
 *     describe.skipIf(target.skipReason !== undefined)(target.name, () => { … openTestStore(target.dialect) … });
 *   }
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createMemoryLogger, type Logger } from '../../src/log.js';
import { openStore, type Dialect, type Store } from '../../src/store/database.js';

/** CI sets it to the machine's local server; `.ci/run` explains how. */
const POSTGRES_URL = process.env.TEST_DATABASE_URL;

export interface StoreTarget {
  dialect: Dialect;
  /** A describe name that says, when skipped, why. */
  name: string;
  /** Set when this dialect cannot run here. */
  skipReason?: string;
}

export function storeTargets(): StoreTarget[] {
  const postgresSkip = POSTGRES_URL ? undefined : 'TEST_DATABASE_URL is not set';
  return [
    { dialect: 'sqlite', name: 'on SQLite' },
    {
      dialect: 'postgres',
      name: postgresSkip ? `on PostgreSQL (skipped: ${postgresSkip})` : 'on PostgreSQL',
      ...(postgresSkip ? { skipReason: postgresSkip } : {}),
    },
  ];
}

/** The dialects these tests can run on here: SQLite always, PostgreSQL when configured. */
export function availableStores(): Dialect[] {
  return storeTargets()
    .filter((target) => target.skipReason === undefined)
    .map((target) => target.dialect);
}

export interface OpenOptions {
  migrate?: boolean;
  logger?: Logger;
}

/** A place for a store that nothing has opened yet: a path in a new temp folder, or a schema name. */
export interface StorePlace {
  dialect: Dialect;
  /** The SQLite file (SQLite only). */
  sqlitePath?: string;
  /** The PostgreSQL schema (PostgreSQL only). */
  schema?: string;
  /** Opens a store there; may be called several times, even at once. The caller closes it. */
  open(options?: OpenOptions): Promise<Store>;
  /** Deletes the folder or drops the schema. */
  remove(): Promise<void>;
}

export async function freshStorePlace(dialect: Dialect): Promise<StorePlace> {
  if (dialect === 'sqlite') {
    const folder = await mkdtemp(path.join(tmpdir(), 'kpibot-store-'));
    const sqlitePath = path.join(folder, 'kpibot.sqlite');
    return {
      dialect,
      sqlitePath,
      open: (options = {}) => openStore({ sqlitePath, ...withDefaults(options) }),
      remove: () => rm(folder, { recursive: true, force: true }),
    };
  }
  if (!POSTGRES_URL) throw new Error('PostgreSQL tests need TEST_DATABASE_URL; guard the suite with storeTargets().');
  const url = POSTGRES_URL;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  return {
    dialect,
    schema,
    open: (options = {}) => openStore({ url, schema, ...withDefaults(options) }),
    remove: () => dropSchema(url, schema),
  };
}

export interface TestStore extends Store {
  place: StorePlace;
}

/** A migrated store in a fresh place; its `close()` also deletes the file or drops the schema. */
export async function openTestStore(dialect: Dialect, options: OpenOptions = {}): Promise<TestStore> {
  const place = await freshStorePlace(dialect);
  const store = await place.open(options);
  return {
    ...store,
    place,
    close: async () => {
      await store.close();
      await place.remove();
    },
  };
}

function withDefaults(options: OpenOptions): { logger: Logger; migrate: boolean } {
  return { logger: options.logger ?? createMemoryLogger(), migrate: options.migrate ?? true };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
