/**
 * Where the store lives, read from `DATABASE_URL` (or its absence). Pure, so that every accepted
 * form is tested without opening anything.
 */
import path from 'node:path';
import { StoreConfigError } from './errors.js';

export type Dialect = 'sqlite' | 'postgres';

export type StoreLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/** Relative to the working directory, like Heroku's and systemd's conventions for app data. */
export const DEFAULT_SQLITE_PATH = path.join('data', 'kpibot.sqlite');

/**
 * - no URL → SQLite at `sqlitePath`, or `./data/kpibot.sqlite`;
 * - `postgres://…` / `postgresql://…` → PostgreSQL (the URL is handed to `pg` as it is);
 * - `sqlite://relative/file`, `sqlite:///absolute/file`, `file:relative`, `file:///absolute` → SQLite.
 */
export function resolveStoreLocation(url: string | undefined, sqlitePath?: string): StoreLocation {
  if (url === undefined || url.trim() === '') return { dialect: 'sqlite', path: sqlitePath ?? DEFAULT_SQLITE_PATH };
  const text = url.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', url: text };
  const sqliteFile = /^(?:sqlite:\/\/|file:\/\/|file:)(.+)$/i.exec(text)?.[1];
  if (sqliteFile !== undefined) return { dialect: 'sqlite', path: decodeURIComponent(sqliteFile) };
  // Only the scheme is quoted back: the rest of a URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1] ?? '(none)';
  throw new StoreConfigError(
    `DATABASE_URL has the scheme "${scheme}", which kpibot cannot use: give a postgres:// URL, a sqlite:// or file: path, or leave it unset for ./data/kpibot.sqlite.`,
  );
}
