import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { ClaimKeeper } from '../../src/scheduling/claim-keeper.js';
import { CLAIM_LEASE_MS, type ClaimsStore } from '../../src/scheduling/claims.js';

/** Only `renew` is used: it records each renewal and answers false for the ids taken over. */
function claimsStore(takenOver: ReadonlySet<string> = new Set()) {
  const renewals: Array<{ id: string; at: number }> = [];
  const store = {
    renew: async (id: string, _instance: string, at: Date) => {
      renewals.push({ id, at: at.getTime() });
      return !takenOver.has(id);
    },
  } as unknown as ClaimsStore;
  return { store, renewals };
}

describe('ClaimKeeper', () => {
  it('renews queued claims once a third of the lease has passed, and not before', async () => {
    let now = 0;
    const { store, renewals } = claimsStore();
    const keeper = new ClaimKeeper({ claims: store, instanceId: 'me', now: () => now, logger: createMemoryLogger() });
    keeper.queue(['a', 'b', 'c']);
    now = CLAIM_LEASE_MS / 3 - 1;
    await keeper.tick();
    expect(renewals).toEqual([]);
    now = CLAIM_LEASE_MS / 3;
    await keeper.tick();
    expect(renewals.map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
    // Started work renews its own claim: the keeper lets go of it.
    expect(keeper.started('a')).toBe(true);
    now += CLAIM_LEASE_MS / 3;
    await keeper.tick();
    expect(renewals.slice(3).map((r) => r.id).sort()).toEqual(['b', 'c']);
  });

  it('drops a claim taken over while queued, so its work is not delivered here, and says so once', async () => {
    let now = 0;
    const logger = createMemoryLogger();
    const { store } = claimsStore(new Set(['b']));
    const keeper = new ClaimKeeper({ claims: store, instanceId: 'me', now: () => now, logger, renewEveryMs: 10 });
    keeper.queue(['a', 'b']);
    now = 10;
    await keeper.tick();
    now = 20;
    await keeper.tick();
    expect(keeper.started('a')).toBe(true);
    expect(keeper.started('b')).toBe(false);
    expect(logger.lines.filter((l) => l.includes('taken over'))).toHaveLength(1);
  });

  it('keeps a claim whose renewal failed for another reason (the store was down): the next tick tries again', async () => {
    let now = 0;
    let fail = true;
    const renewed: string[] = [];
    const store = { renew: async (id: string) => (fail ? Promise.reject(new Error('database down')) : (renewed.push(id), true)) } as unknown as ClaimsStore;
    const keeper = new ClaimKeeper({ claims: store, instanceId: 'me', now: () => now, logger: createMemoryLogger(), renewEveryMs: 10 });
    keeper.queue(['a']);
    now = 10;
    await keeper.tick();
    fail = false;
    now = 20;
    await keeper.tick();
    expect(renewed).toEqual(['a']);
    expect(keeper.started('a')).toBe(true);
  });
});
