/**
 * Encrypts personal Gtmhub tokens at rest: AES-256-GCM under `KPIBOT_SECRET_KEY`, a fresh random
 * 12-byte IV per value (GCM must never reuse an IV under one key), and the Slack team and user
 * bound in as associated data, so a row copied to another user's key fails to decrypt instead of
 * letting them act as its owner.
 *
 * Stored form: `v1:<iv>:<ciphertext>:<tag>`, each part base64. The version prefix lets a later key
 * or algorithm live next to rows written by this one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Whose token a value is: bound into the ciphertext as associated data. */
export interface TokenOwner {
  teamId: string;
  userId: string;
}

/** The key given to the cipher is not 32 bytes. */
export class TokenCipherKeyError extends Error {
  readonly code = 'token_cipher_key' as const;
  constructor(length: number) {
    super(`The token encryption key must be 32 bytes, not ${length}: set KPIBOT_SECRET_KEY to 32 random bytes in base64.`);
    this.name = 'TokenCipherKeyError';
  }
}

/**
 * A stored token cannot be decrypted. The message says why in general terms and never repeats the
 * stored value. `reason`: `malformed` (not `v1:…:…:…`), `unsupported_version`, or `not_authentic`
 * (wrong key, another user's row, or tampered bytes — GCM cannot tell these apart, by design).
 */
export class TokenDecryptionError extends Error {
  readonly code = 'token_decryption_failed' as const;
  constructor(readonly reason: 'malformed' | 'unsupported_version' | 'not_authentic') {
    super(
      reason === 'not_authentic'
        ? 'The stored Gtmhub token cannot be decrypted: KPIBOT_SECRET_KEY changed, or the row was altered or belongs to another user.'
        : `The stored Gtmhub token is not in a form kpibot can read (${reason}).`,
    );
    this.name = 'TokenDecryptionError';
  }
}

export class TokenCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new TokenCipherKeyError(key.length);
    // A copy, so that a caller zeroing or reusing its buffer cannot change ours.
    this.#key = Buffer.from(key);
  }

  encrypt(token: string, owner: TokenOwner): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(owner));
    const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), ciphertext.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
  }

  /** The token, or a `TokenDecryptionError`; never garbage. */
  decrypt(stored: string, owner: TokenOwner): string {
    const parts = stored.split(':');
    if (parts.length !== 4) throw new TokenDecryptionError('malformed');
    const [version, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
    if (version !== VERSION) throw new TokenDecryptionError('unsupported_version');
    const iv = strictBase64(ivText);
    const ciphertext = strictBase64(ciphertextText);
    const tag = strictBase64(tagText);
    if (!iv || iv.length !== IV_BYTES || !ciphertext || !tag || tag.length !== TAG_BYTES) throw new TokenDecryptionError('malformed');
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(owner));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // final() throws when the tag does not match; its own message says nothing useful.
      throw new TokenDecryptionError('not_authentic');
    }
  }
}

/** JSON keeps the two ids apart unambiguously ("T1","U23" ≠ "T1U","23"). */
function associatedData(owner: TokenOwner): Buffer {
  return Buffer.from(JSON.stringify(['kpibot-user-token', owner.teamId, owner.userId]), 'utf8');
}

/** Node's base64 decoder skips bad characters silently; a flipped character must not pass as valid. */
function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
