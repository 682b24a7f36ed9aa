/**
 * Due work among many subscriptions: the heartbeat asks every minute what is due, and that must
 * not grow with the table. The same query (`dueWork`) runs against a table of `dueRowsLarge`
 * subscriptions and one of `dueRowsSmall`, both holding the same `dueCount` due rows; the ratio
 * large ÷ small is what the table's size costs (target ≤ 2×), and the plan shows the index that
 * keeps it so. SQLite always; PostgreSQL when a URL is given (a schema of its own, dropped after).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Insertable, type Kysely } from 'kysely';
import { createLogger } from '../log.js';
import { openStore, type Dialect, type Store } from '../store/index.js';
import type { Database, DigestSubscriptionsTable } from '../store/schema.js';
import { dueWork } from './due-query.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { queryPlans } from './query-plan.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

/** The heartbeat's moment: a Monday 09:00 UTC, when most digests fall due. */
const AT = new Date('2026-11-30T09:00:00.000Z');
const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * 60 * MINUTE_MS;
const INSERT_BATCH = 500;

/**
 * `rows` subscriptions as a real table holds them: `due` active ones whose slot has come (the last
 * hour), a tenth paused with a slot long past (paused rows keep theirs), the rest active with a
 * slot spread over the coming week. Written straight into the table: 100,000 `create()` calls
 * would time the seeding, not the query.
 */
async function seed(db: Kysely<Database>, rows: number, due: number): Promise<void> {
  const stamp = AT.toISOString();
  const row = (i: number): Insertable<DigestSubscriptionsTable> => {
    const paused = i >= due && i % 10 === 0;
    const nextRunAt = i < due ? AT.getTime() - (i % 60) * MINUTE_MS : paused ? AT.getTime() - WEEK_MS * (1 + (i % 5)) : AT.getTime() + 1 + ((i * 7_919) % WEEK_MS);
    return {
      id: randomUUID(),
      team_id: 'T0BENCH',
      channel_id: `C${String(i % 5_000).padStart(6, '0')}`,
      owner_user_id: `U${String(i % 2_000).padStart(6, '0')}`,
      selection: JSON.stringify({ kind: 'kpis', kpiIds: [`kpi-${i % 5_000}`, `kpi-${(i + 1) % 5_000}`] }),
      weekday: 1 + (i % 7),
      time: '09:00',
      zone: 'UTC',
      skip_when_unchanged: 0,
      list_not_updated: 1,
      status: paused ? 'paused' : 'active',
      paused_reason: null,
      next_run_at: new Date(nextRunAt).toISOString(),
      consecutive_failures: 0,
      last_error: null,
      created_at: stamp,
      updated_at: stamp,
    };
  };
  for (let start = 0; start < rows; start += INSERT_BATCH) {
    const batch = Array.from({ length: Math.min(INSERT_BATCH, rows - start) }, (_, k) => row(start + k));
    await db.insertInto('digest_subscriptions').values(batch).execute();
  }
}

interface Place {
  store: Store;
  remove: () => Promise<void>;
}

async function openPlace(dialect: Dialect, label: string, postgresUrl: string | undefined, dir: string): Promise<Place> {
  const logger = createLogger({ level: 'error', write: () => undefined });
  if (dialect === 'sqlite') {
    const store = await openStore({ sqlitePath: path.join(dir, `${label}.sqlite`), logger });
    return { store, remove: () => store.close() };
  }
  const schema = `kpibot_bench_${label}_${process.pid}`;
  const store = await openStore({ url: postgresUrl, schema, logger });
  return {
    store,
    remove: async () => {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(store.db);
      await store.close();
    },
  };
}

export async function benchDueQuery(settings: BenchSettings, dialect: Dialect): Promise<BenchResult> {
  if (dialect === 'postgres' && settings.postgresUrl === undefined) throw new BenchError('The PostgreSQL due-query benchmark needs a database URL.');
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-due-'));
  const places: Place[] = [];
  try {
    const small = await openPlace(dialect, 'small', settings.postgresUrl, dir);
    places.push(small);
    const large = await openPlace(dialect, 'large', settings.postgresUrl, dir);
    places.push(large);
    await seed(small.store.db, settings.dueRowsSmall, settings.dueCount);
    await seed(large.store.db, settings.dueRowsLarge, settings.dueCount);
    // What autovacuum does soon after a bulk load; SQLite is left as kpibot leaves it (no ANALYZE).
    if (dialect === 'postgres') for (const p of places) await sql`analyze digest_subscriptions`.execute(p.store.db);

    const queries = settings.dueQueries;
    const side = (label: string, place: Place) => ({
      label,
      ops: queries,
      run: async () => {
        for (let i = 0; i < queries; i++) {
          const due = await dueWork(place.store.db, AT);
          if (due.length !== settings.dueCount) throw new BenchError(`The due query found ${due.length} rows among ${label} instead of ${settings.dueCount}.`);
        }
      },
    });
    const fmt = (n: number) => n.toLocaleString('en-US');
    const result = await measurePaired(side(`${fmt(settings.dueRowsLarge)} rows`, large), side(`${fmt(settings.dueRowsSmall)} rows`, small), pairedOptionsFor(settings));
    const plan = await queryPlans(large.store.db, dialect, (db) => dueWork(db, AT));
    return {
      id: `due-${dialect}`,
      title: `due query, ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${fmt(settings.dueRowsLarge)} ÷ ${fmt(settings.dueRowsSmall)} subscriptions`,
      per: 'query',
      ...result,
      figures: [{ name: 'due rows', value: settings.dueCount, unit: 'count' }],
      notes: plan.map((line) => `plan (${fmt(settings.dueRowsLarge)} rows): ${line}`),
    };
  } finally {
    for (const p of places.reverse()) await p.remove().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
