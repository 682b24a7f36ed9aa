/**
 * Personal tokens at rest, one specification run on every available dialect.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenCipher, TokenDecryptionError } from '../../src/store/token-cipher.js';
import { UserTokensRepository } from '../../src/store/user-tokens-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const TOKEN = 'personal-token-Zx81-secret';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`UserTokensRepository ${target.name}`, () => {
    let store: TestStore;
    let repository: UserTokensRepository;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      repository = new UserTokensRepository(store.db, new TokenCipher(randomBytes(32)));
    });
    afterAll(async () => {
      await store?.close();
    });

    it('gives back the token it saved', async () => {
      await repository.save('T1', 'U1', TOKEN);
      expect(await repository.find('T1', 'U1')).toBe(TOKEN);
    });

    it('keeps only ciphertext in the row', async () => {
      await repository.save('T1', 'U2', TOKEN);
      const row = await store.db.selectFrom('user_tokens').selectAll().where('user_id', '=', 'U2').executeTakeFirstOrThrow();
      expect(row.encrypted_token).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(TOKEN);
    });

    it('replaces the token when the user connects again', async () => {
      await repository.save('T1', 'U3', 'first-token');
      await repository.save('T1', 'U3', 'second-token');
      expect(await repository.find('T1', 'U3')).toBe('second-token');
    });

    it('finds nothing for a user who never connected', async () => {
      expect(await repository.find('T1', 'U0NEVER')).toBeUndefined();
    });

    it('refuses a row copied to another user', async () => {
      await repository.save('T1', 'U4', TOKEN);
      const row = await store.db.selectFrom('user_tokens').selectAll().where('user_id', '=', 'U4').executeTakeFirstOrThrow();
      await store.db.insertInto('user_tokens').values({ ...row, user_id: 'U5' }).execute();
      await expect(repository.find('T1', 'U5')).rejects.toBeInstanceOf(TokenDecryptionError);
    });

    it('removes a token, saying whether there was one', async () => {
      await repository.save('T1', 'U6', TOKEN);
      expect(await repository.remove('T1', 'U6')).toBe(true);
      expect(await repository.find('T1', 'U6')).toBeUndefined();
      expect(await repository.remove('T1', 'U6')).toBe(false);
    });
  });
}
