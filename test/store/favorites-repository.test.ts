/**
 * Favorite groups and their mirror bookkeeping, one specification run on every available dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FavoritesRepository, type FavoriteKey } from '../../src/store/favorites-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

let groups = 0;
const aKey = (userId = 'U0001'): FavoriteKey => ({ teamId: 'T0001', userId, groupId: `g-${++groups}` });

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`FavoritesRepository ${target.name}`, () => {
    let store: TestStore;
    let now = new Date('2026-11-23T09:00:00.000Z');
    let repository: FavoritesRepository;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      repository = new FavoritesRepository(store.db, { now: () => now });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('favorites a group on the first toggle and unfavorites it on the second, bumping the version each time', async () => {
      const key = aKey();
      expect(await repository.toggle(key, false)).toMatchObject({ favorite: true, version: 1, mirrorStatus: 'none' });
      expect(await repository.toggle(key, false)).toMatchObject({ favorite: false, version: 2 });
    });

    it('ends where the number of toggles says even when they race', async () => {
      const key = aKey();
      const results = await Promise.all(Array.from({ length: 5 }, () => repository.toggle(key, false)));
      expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await repository.get(key))?.favorite).toBe(true);
    });

    it('stores the state asked for, however often it is asked, bumping the version each time', async () => {
      const key = aKey();
      expect(await repository.set(key, true, false)).toMatchObject({ favorite: true, version: 1 });
      expect(await repository.set(key, true, true)).toMatchObject({ favorite: true, version: 2, mirrorStatus: 'pending' });
      expect(await repository.set(key, false, false)).toMatchObject({ favorite: false, version: 3, mirrorStatus: 'none' });
    });

    it('starts a group never seen as unfavorited when that is what is asked for', async () => {
      const key = aKey();
      expect(await repository.set(key, false, false)).toMatchObject({ favorite: false, version: 1 });
    });

    it('lists only the favorited groups of that user', async () => {
      const [a, b, c] = [aKey('U0LIST'), aKey('U0LIST'), aKey('U0LIST')];
      await repository.toggle(a, false);
      await repository.toggle(b, false);
      await repository.toggle(b, false);
      await repository.toggle(c, false);
      await repository.toggle(aKey('U0OTHER'), false);
      expect((await repository.favoriteGroupIds('T0001', 'U0LIST')).sort()).toEqual([a.groupId, c.groupId].sort());
    });

    it('marks a mirror done only when the version sent is still the latest', async () => {
      const key = aKey();
      await repository.toggle(key, true);
      await repository.toggle(key, true);
      await repository.markMirrored(key, 1);
      expect(await repository.get(key)).toMatchObject({ version: 2, mirrorStatus: 'pending', mirroredVersion: 1 });
      await repository.markMirrored(key, 2);
      expect(await repository.get(key)).toMatchObject({ mirrorStatus: 'done', mirroredVersion: 2 });
    });

    it('never lowers the mirrored version when an older answer arrives late', async () => {
      const key = aKey();
      await repository.toggle(key, true);
      await repository.toggle(key, true);
      await repository.markMirrored(key, 2);
      await repository.markMirrored(key, 1);
      expect(await repository.get(key)).toMatchObject({ mirrorStatus: 'done', mirroredVersion: 2 });
    });

    it('keeps the reason of a failed mirror and offers it again when due', async () => {
      const key = aKey('U0RETRY');
      await repository.toggle(key, true);
      await repository.markMirrorFailed(key, 1, 'Gtmhub had a server error', new Date(now.getTime() + 60_000));
      expect(await repository.get(key)).toMatchObject({ mirrorStatus: 'pending', mirrorAttempts: 1, mirrorError: 'Gtmhub had a server error' });
      expect((await repository.mirrorsDue(now)).some((r) => r.groupId === key.groupId)).toBe(false);
      now = new Date(now.getTime() + 61_000);
      expect((await repository.mirrorsDue(now)).some((r) => r.groupId === key.groupId)).toBe(true);
    });

    it('gives a mirror up when no retry time is given', async () => {
      const key = aKey();
      await repository.toggle(key, true);
      await repository.markMirrorFailed(key, 1, 'Gtmhub refused the token', undefined);
      expect(await repository.get(key)).toMatchObject({ mirrorStatus: 'failed', mirrorError: 'Gtmhub refused the token', nextAttemptAt: null });
    });

    it('does not let the failure of an older version touch a newer one', async () => {
      const key = aKey();
      await repository.toggle(key, true);
      await repository.toggle(key, true);
      await repository.markMirrorFailed(key, 1, 'late failure', undefined);
      expect(await repository.get(key)).toMatchObject({ version: 2, mirrorStatus: 'pending', mirrorError: null });
    });
  });
}
