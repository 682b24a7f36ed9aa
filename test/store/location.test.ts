import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreConfigError } from '../../src/store/errors.js';
import { resolveStoreLocation } from '../../src/store/location.js';

describe('resolveStoreLocation', () => {
  it('uses ./data/kpibot.sqlite when no URL is given', () => {
    expect(resolveStoreLocation(undefined)).toEqual({ dialect: 'sqlite', path: path.join('data', 'kpibot.sqlite') });
  });

  it('uses the given SQLite path when no URL is given', () => {
    expect(resolveStoreLocation(undefined, '/var/lib/kpibot/db.sqlite')).toEqual({ dialect: 'sqlite', path: '/var/lib/kpibot/db.sqlite' });
  });

  it('treats an empty URL like no URL', () => {
    expect(resolveStoreLocation('  ')).toEqual({ dialect: 'sqlite', path: path.join('data', 'kpibot.sqlite') });
  });

  it.each(['postgres://kpibot:secret@db.internal:5432/kpibot', 'postgresql://db.internal/kpibot?sslmode=require'])(
    'opens PostgreSQL for %s, passing the URL through unchanged',
    (url) => {
      expect(resolveStoreLocation(url)).toEqual({ dialect: 'postgres', url });
    },
  );

  it.each([
    ['sqlite:///var/lib/kpibot.sqlite', '/var/lib/kpibot.sqlite'],
    ['sqlite://data/dev.sqlite', 'data/dev.sqlite'],
    ['file:///var/lib/kpibot.sqlite', '/var/lib/kpibot.sqlite'],
    ['file:data/dev.sqlite', 'data/dev.sqlite'],
  ])('opens SQLite at the path of %s', (url, expected) => {
    expect(resolveStoreLocation(url)).toEqual({ dialect: 'sqlite', path: expected });
  });

  it('rejects another scheme with a StoreConfigError that does not repeat the credentials', () => {
    const attempt = () => resolveStoreLocation('mysql://kpibot:hunter2@db/kpibot');
    expect(attempt).toThrow(StoreConfigError);
    expect(attempt).toThrow(/"mysql"/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
