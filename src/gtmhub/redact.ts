/**
 * Redaction for what the Gtmhub transport logs and puts in errors: credential-named keys
 * (`authorization`, `token`, …), `Bearer …` text, JWT-shaped text (a Gtmhub token is a JWT and may
 * appear bare, echoed in an error body, say), and the exact tokens the client holds. The module
 * does this itself, so that whatever logger it is given, nothing it hands over carries a token.
 */

/** Keys whose values never reach a log line, whatever object they sit in. */
const SECRET_KEY = /^(authorization|token|access_?token|api_?key|password|secret)$/i;
/** Bearer credentials inside free text (URLs, error messages). */
const BEARER_TEXT = /Bearer\s+[^\s"',]+/gi;
/** Three base64url parts, the first starting `eyJ` (`{"`): the shape of every JWT. */
const JWT_TEXT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/** Copy of `value` with credentials replaced by `[redacted]`, including each of `secrets`; safe on cycles. */
export function redactGtmhub(value: unknown, secrets: readonly string[] = [], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message, secrets), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((v) => redactGtmhub(v, secrets, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactGtmhub(v, secrets, seen);
  return out;
}

/** `text` with bearer credentials, JWTs and each of `secrets` replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(BEARER_TEXT, '[redacted]').replace(JWT_TEXT, '[redacted]');
  for (const secret of secrets) {
    // Very short "secrets" would blank out ordinary words; real tokens are long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}
