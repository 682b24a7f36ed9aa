import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher, TokenCipherKeyError, TokenDecryptionError } from '../../src/store/token-cipher.js';

const KEY = randomBytes(32);
const OWNER = { teamId: 'T0SANDBOX', userId: 'U0SANDBOX' };
const TOKEN = 'gtmhub-personal-token-0123456789abcdef';

function flipByteOfPart(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

describe('TokenCipher', () => {
  it('decrypts what it encrypted for the same owner', () => {
    const cipher = new TokenCipher(KEY);
    expect(cipher.decrypt(cipher.encrypt(TOKEN, OWNER), OWNER)).toBe(TOKEN);
  });

  it('stores a version-prefixed value that does not contain the token', () => {
    const stored = new TokenCipher(KEY).encrypt(TOKEN, OWNER);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });

  it('uses a fresh 12-byte IV for every value, so equal tokens encrypt differently', () => {
    const cipher = new TokenCipher(KEY);
    const values = Array.from({ length: 20 }, () => cipher.encrypt(TOKEN, OWNER));
    const ivs = values.map((v) => v.split(':')[1]!);
    expect(new Set(values).size).toBe(20);
    expect(new Set(ivs).size).toBe(20);
    for (const iv of ivs) expect(Buffer.from(iv, 'base64')).toHaveLength(12);
  });

  it.each([
    ['the IV', 1],
    ['the ciphertext', 2],
    ['the tag', 3],
  ] as const)('refuses a value with one flipped bit in %s with a clear error, not garbage', (_what, part) => {
    const cipher = new TokenCipher(KEY);
    const tampered = flipByteOfPart(cipher.encrypt(TOKEN, OWNER), part);
    expect(() => cipher.decrypt(tampered, OWNER)).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(tampered, OWNER)).toThrow(/cannot be decrypted/);
  });

  it('refuses a row copied to another user', () => {
    const cipher = new TokenCipher(KEY);
    const stored = cipher.encrypt(TOKEN, OWNER);
    expect(() => cipher.decrypt(stored, { ...OWNER, userId: 'U0OTHER' })).toThrow(TokenDecryptionError);
  });

  it('refuses a row copied to another workspace', () => {
    const cipher = new TokenCipher(KEY);
    const stored = cipher.encrypt(TOKEN, OWNER);
    expect(() => cipher.decrypt(stored, { ...OWNER, teamId: 'T0OTHER' })).toThrow(TokenDecryptionError);
  });

  it('cannot be fooled by moving characters between the team and user ids', () => {
    const cipher = new TokenCipher(KEY);
    const stored = cipher.encrypt(TOKEN, { teamId: 'T1', userId: 'U23' });
    expect(() => cipher.decrypt(stored, { teamId: 'T1U', userId: '23' })).toThrow(TokenDecryptionError);
  });

  it('refuses a value encrypted under another key', () => {
    const stored = new TokenCipher(KEY).encrypt(TOKEN, OWNER);
    const error = (() => {
      try {
        new TokenCipher(randomBytes(32)).decrypt(stored, OWNER);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TokenDecryptionError);
    expect((error as TokenDecryptionError).code).toBe('token_decryption_failed');
    expect((error as TokenDecryptionError).reason).toBe('not_authentic');
  });

  it.each([
    ['not split in four parts', 'v1:abc'],
    ['an unknown version', 'v9:AAAAAAAAAAAAAAAA:AAAA:AAAAAAAAAAAAAAAAAAAAAA=='],
    ['characters that are not base64', 'v1:AAAAAAAAAAAAAAAA:A*AA:AAAAAAAAAAAAAAAAAAAAAA=='],
    ['an IV of the wrong length', 'v1:AAAA:AAAA:AAAAAAAAAAAAAAAAAAAAAA=='],
  ])('refuses a stored value %s without echoing it', (_what, stored) => {
    const cipher = new TokenCipher(KEY);
    expect(() => cipher.decrypt(stored, OWNER)).toThrow(TokenDecryptionError);
    try {
      cipher.decrypt(stored, OWNER);
    } catch (error) {
      expect((error as Error).message).not.toContain(stored);
    }
  });

  it('refuses a key that is not 32 bytes, saying how to make one', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(TokenCipherKeyError);
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/KPIBOT_SECRET_KEY/);
  });
});
