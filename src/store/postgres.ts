/**
 * Opens a `pg` pool for PostgreSQL, optionally confined to one schema.
 */
import pg from 'pg';
import type { Logger } from '../log.js';
import { StoreConfigError } from './errors.js';

/** Small: kpibot's queries are short, and Heroku's hobby plans allow 20 connections in all. */
const POOL_MAX = 10;

/** Lower-case identifiers only, so the name needs no quoting in `search_path` or DDL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** PostgreSQL's codes for "that schema already exists", seen when two replicas create it at once. */
const SCHEMA_RACE_CODES = new Set(['42P06', '23505']);

export async function openPostgresPool(url: string, schema: string | undefined, logger: Logger): Promise<pg.Pool> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreConfigError(`The PostgreSQL schema name "${schema}" must be lower-case letters, digits and underscores.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_MAX,
    application_name: 'kpibot',
    // A startup parameter, so every connection the pool ever opens has it before its first query.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener, an idle client losing its server (a restart, a failover) crashes the process.
  pool.on('error', (error) => logger.error('PostgreSQL connection lost while idle', { error }));
  if (schema !== undefined) {
    try {
      await createSchemaIfMissing(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return pool;
}

async function createSchemaIfMissing(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // `if not exists` is not atomic: the loser of a race gets a duplicate error instead of a no-op.
    if (!SCHEMA_RACE_CODES.has((error as { code?: string }).code ?? '')) throw error;
  }
}
