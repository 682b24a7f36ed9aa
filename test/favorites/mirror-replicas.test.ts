/**
 * Two replicas mirror favorites of the same store to Gtmhub: each serialises its own sends, but
 * nothing orders the PUTs of two processes. Gtmhub must still end in the state the user last asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FavoriteMirror, type FavoriteWriter } from '../../src/favorites/mirror.js';
import { GtmhubClient } from '../../src/gtmhub/client.js';
import { noRetries } from '../../src/gtmhub/retry.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { FavoritesRepository, type FavoriteKey } from '../../src/store/favorites-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const TOKEN = 'personal-token-of-ada';
const GTMHUB_USER = 'u-ada';

/**
 * A writer whose PUTs wait until `open()`: it holds this replica's request until the other
 * replica's has landed. `called` resolves once the first PUT is on its way (its state was read).
 */
function heldWriter(client: GtmhubClient): FavoriteWriter & { open(): void; called: Promise<void> } {
  let open!: () => void;
  let enter!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const called = new Promise<void>((resolve) => (enter = resolve));
  return {
    open,
    called,
    async setGroupFavorite(groupId, favorite, options) {
      enter();
      await gate;
      return client.setGroupFavorite(groupId, favorite, options);
    },
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`the favorite mirror on two replicas ${target.name}`, () => {
    let store: TestStore;
    let sim: GtmhubSimulator;
    let client: GtmhubClient;
    let repository: FavoritesRepository;
    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      sim = await startGtmhubSimulator({ tokens: { 'workspace-token': { userId: 'u-workspace', name: 'Workspace' }, [TOKEN]: { userId: GTMHUB_USER, name: 'Ada' } } });
      client = new GtmhubClient({ baseUrl: sim.url, token: TOKEN, accountId: sim.accountId, retryPolicy: noRetries });
      repository = new FavoritesRepository(store.db);
    });
    afterAll(async () => {
      await client?.close();
      await sim?.close();
      await store?.close();
    });

    const mirror = (writer: FavoriteWriter) =>
      new FavoriteMirror({ repository, personalWriter: async () => writer, logger: createMemoryLogger('debug'), now: Date.now });

    it('ends with Gtmhub in the last state asked for when the older PUT lands last', async () => {
      const group = sim.state.addGroup('Replicated');
      const key: FavoriteKey = { teamId: 'T0001', userId: 'U0ADA', groupId: group.id };
      const slow = heldWriter(client);
      const replicaA = mirror(slow);
      const replicaB = mirror(client);

      // Replica A stores "favorite" and starts its PUT, which is held on the way.
      await repository.set(key, true, true);
      const sentByA = replicaA.send(key);
      await slow.called;
      // Meanwhile replica B stores "not favorite" and its PUT lands first.
      await repository.set(key, false, true);
      expect(await replicaB.send(key)).toEqual({ kind: 'mirrored' });
      expect(sim.state.isFavorite(GTMHUB_USER, group.id)).toBe(false);

      // Now A's older PUT lands: Gtmhub says "favorite" until A notices the newer version and sends it.
      slow.open();
      expect(await sentByA).toEqual({ kind: 'mirrored' });
      expect(sim.state.isFavorite(GTMHUB_USER, group.id)).toBe(false);
      const puts = sim.requests.filter((r) => r.route === 'PUT /v1/users/kpi-virtual-group/favorite').map((r) => (r.body as { favorite: boolean }).favorite);
      expect(puts).toEqual([false, true, false]);
      expect(await repository.get(key)).toMatchObject({ favorite: false, version: 2, mirrorStatus: 'done' });
    });
  });
}
