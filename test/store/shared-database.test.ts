/**
 * kpibot in one schema of a PostgreSQL database that others use at the same time: another kpibot,
 * another app, or another test run creating and dropping schemas. Opening (which migrates) and
 * introspecting the store must not depend on what happens in the other schemas.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';

const postgres = storeTargets().find((target) => target.dialect === 'postgres')!;

/** Creates and drops schemas (with a serial column, as kpibot's tables have) until stopped. */
function churnSchemas(url: string): { stop(): Promise<number> } {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let running = true;
  let dropped = 0;
  const loop = async (worker: number): Promise<void> => {
    for (let round = 0; running; round++) {
      const schema = `churn_${process.pid}_${worker}_${round}`;
      await pool.query(`create schema ${schema}; create table ${schema}.t (id serial primary key, note text)`);
      await pool.query(`drop schema ${schema} cascade`);
      dropped++;
    }
  };
  const loops = [0, 1].map(loop);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      await pool.end();
      return dropped;
    },
  };
}

describe.skipIf(postgres.skipReason !== undefined)(`the store in a shared database ${postgres.name}`, () => {
  const opened: Store[] = [];
  const places: StorePlace[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await Promise.all(places.splice(0).map((place) => place.remove()));
  });

  it('opens, migrates and introspects its own schema while other sessions drop theirs', async () => {
    const churn = churnSchemas(process.env.TEST_DATABASE_URL!);
    try {
      // Each open runs the Migrator, which introspects before and after taking its lock.
      for (let i = 0; i < 4; i++) {
        const place = await freshStorePlace('postgres');
        places.push(place);
        const store = await place.open();
        opened.push(store);
        // Kysely's own PostgreSQL introspection fails here within a few hundred calls (3F000/42P01).
        for (let call = 0; call < 100; call++) {
          const tables = await store.db.introspection.getTables();
          expect(tables.map((t) => t.schema)).toEqual(tables.map(() => place.schema));
        }
      }
    } finally {
      expect(await churn.stop()).toBeGreaterThan(0);
    }
  });

  it('sees only its own tables, with their columns, and hides the Migrator’s unless asked', async () => {
    const place = await freshStorePlace('postgres');
    places.push(place);
    const store = await place.open();
    opened.push(store);

    const tables = await store.db.introspection.getTables();
    const submissions = tables.find((t) => t.name === 'submissions');
    expect(submissions?.schema).toBe(place.schema);
    expect(submissions?.columns.find((c) => c.name === 'id')).toMatchObject({ isNullable: false });
    expect(tables.map((t) => t.name)).not.toContain('kysely_migration');
    const withInternal = await store.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(withInternal.map((t) => t.name)).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']));
  });
});
