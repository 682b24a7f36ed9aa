/**
 * Redaction for what the Gtmhub transport logs and puts in errors. The logger's `redact` already
 * hides `authorization`/`token` keys and `Bearer …` text; a Gtmhub token is a JWT that may also
 * appear bare (echoed in an error body, say), so we also hide JWT-shaped text and the exact
 * tokens the client holds.
 */
import { redact } from '../log.js';

/** Three base64url parts, the first starting `eyJ` (`{"`): the shape of every JWT. */
const JWT_TEXT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/** Copy of `value` with credentials replaced by `[redacted]`, including each of `secrets`. */
export function redactGtmhub(value: unknown, secrets: readonly string[] = []): unknown {
  return scrubStrings(redact(value), secrets);
}

/** `text` with JWTs and each of `secrets` replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = (redact(text) as string).replace(JWT_TEXT, '[redacted]');
  for (const secret of secrets) {
    // Very short "secrets" would blank out ordinary words; real tokens are long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function scrubStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, secrets);
    return out;
  }
  return value;
}
