import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleStalePending, STALE_PENDING_MS } from '../../src/kpis/sweep-submissions.js';
import { createMemoryLogger } from '../../src/log.js';
import { SubmissionsRepository } from '../../src/store/submissions-repository.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';

describe('settling submissions a crash left pending', () => {
  let store: TestStore;
  let clock = Date.parse('2026-11-28T10:00:00Z');
  beforeEach(async () => {
    store = await openTestStore('sqlite');
  });
  afterEach(async () => {
    await store.close();
  });

  const input = (key: string) => ({
    teamId: 'T1', userId: 'U1', kpiId: 'k1', kpiName: 'MRR', period: '2026-W48', timeZone: 'UTC+1',
    value: 5, rawInput: '5', source: 'command' as const, idempotencyKey: key,
  });

  it('marks old pending rows unknown with a sentence, and leaves fresh ones alone', async () => {
    const repo = new SubmissionsRepository(store.db, { now: () => new Date(clock) });
    const old = await repo.begin(input('old'));
    clock += STALE_PENDING_MS + 1_000;
    const fresh = await repo.begin(input('fresh'));
    const settled = await settleStalePending(repo, clock, createMemoryLogger());
    expect(settled).toBe(1);
    const rows = await repo.recentForUser('T1', 'U1');
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    expect(old.created && byKey.get('old')?.status).toBe('unknown');
    expect(byKey.get('old')?.error).toContain('may or may not');
    expect(fresh.created && byKey.get('fresh')?.status).toBe('pending');
  });
});
