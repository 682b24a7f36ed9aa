/**
 * Personal tokens on two replicas over one store: `/kpi disconnect` runs on one of them, and the
 * other must stop acting with the token within PERSONAL_TOKEN_CACHE_MS.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtmhubClient } from '../../src/gtmhub/client.js';
import { noRetries } from '../../src/gtmhub/retry.js';
import { createMemoryLogger } from '../../src/log.js';
import { PERSONAL_TOKEN_CACHE_MS, PersonalTokens } from '../../src/personal-tokens/personal-tokens.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { TokenCipher } from '../../src/store/token-cipher.js';
import { UserTokensRepository } from '../../src/store/user-tokens-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const PERSONAL = 'personal-token-of-ada';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`personal tokens on two replicas ${target.name}`, () => {
    let store: TestStore;
    let sim: GtmhubSimulator;
    let workspace: GtmhubClient;
    let clock = Date.parse('2026-11-23T09:00:00.000Z');
    let replicaA: PersonalTokens;
    let replicaB: PersonalTokens;
    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      sim = await startGtmhubSimulator({ tokens: { 'workspace-token': { userId: 'u-workspace', name: 'Workspace' }, [PERSONAL]: { userId: 'u-ada', name: 'Ada' } } });
      workspace = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: noRetries });
      const repository = new UserTokensRepository(store.db, new TokenCipher(randomBytes(32)));
      const replica = () => new PersonalTokens({ repository, workspace, logger: createMemoryLogger('debug'), gtmhubAppUrl: 'https://app.gtmhub.com', now: () => clock });
      [replicaA, replicaB] = [replica(), replica()];
    });
    afterAll(async () => {
      await workspace?.close();
      await sim?.close();
      await store?.close();
    });

    it('stops using a token disconnected on another replica once the cache bound has passed', async () => {
      expect(await replicaA.connect('T0001', 'U0ADA', PERSONAL)).toEqual({ ok: true });
      expect(await replicaB.personalClient('T0001', 'U0ADA')).toBeDefined();

      expect(await replicaA.disconnect('T0001', 'U0ADA')).toBe(true);
      expect(await replicaA.personalClient('T0001', 'U0ADA')).toBeUndefined();

      clock += PERSONAL_TOKEN_CACHE_MS + 1;
      expect(await replicaB.personalClient('T0001', 'U0ADA')).toBeUndefined();
    });
  });
}
