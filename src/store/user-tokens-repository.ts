/**
 * Personal Gtmhub tokens, one per Slack user and workspace, encrypted before they reach the
 * database (`token-cipher.ts`). Only this repository sees both the ciphertext and the token.
 */
import type { Kysely } from 'kysely';
import { toStoredInstant } from './instant.js';
import type { Database } from './schema.js';
import type { TokenCipher } from './token-cipher.js';

export interface UserTokensRepositoryOptions {
  now?: () => Date;
}

export class UserTokensRepository {
  readonly #db: Kysely<Database>;
  readonly #cipher: TokenCipher;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, cipher: TokenCipher, options: UserTokensRepositoryOptions = {}) {
    this.#db = db;
    this.#cipher = cipher;
    this.#now = options.now ?? (() => new Date());
  }

  /** Stores (or replaces) the user's token, encrypted for them. */
  async save(teamId: string, userId: string, token: string): Promise<void> {
    const now = toStoredInstant(this.#now());
    const encrypted = this.#cipher.encrypt(token, { teamId, userId });
    await this.#db
      .insertInto('user_tokens')
      .values({ team_id: teamId, user_id: userId, encrypted_token: encrypted, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.columns(['team_id', 'user_id']).doUpdateSet({ encrypted_token: encrypted, updated_at: now }))
      .execute();
  }

  /** The user's token, undefined when none is stored; a `TokenDecryptionError` when it cannot be read. */
  async find(teamId: string, userId: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('user_tokens')
      .select('encrypted_token')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? this.#cipher.decrypt(row.encrypted_token, { teamId, userId }) : undefined;
  }

  /** Deletes the user's token; true when there was one. */
  async remove(teamId: string, userId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('user_tokens').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
