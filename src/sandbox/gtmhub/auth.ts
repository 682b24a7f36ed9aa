/**
 * Gtmhub's two credentials: `Authorization: Bearer <token>` and the `gtmhub-accountId` header. The
 * messages never repeat the token (it would end up in client logs).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SimHttpError } from './errors.js';
import type { SimUser } from './handlers/context.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function authenticate(
  headers: IncomingHttpHeaders,
  tokens: ReadonlyMap<string, SimUser>,
  accountId: string,
): SimUser {
  const match = BEARER.exec(headers.authorization ?? '');
  if (!match) throw unauthorized('An Authorization header with a Bearer token is required.');
  const user = tokens.get(match[1]!);
  if (!user) throw unauthorized('The bearer token is not valid for this account.');
  const account = headers['gtmhub-accountid'];
  if (account === undefined || account === '') throw unauthorized('The gtmhub-accountId header is required.');
  if (account !== accountId) throw unauthorized(`The token does not give access to account ${String(account)}.`);
  return user;
}

/** The user a request's token acts as, without checking anything else (for the request log). */
export function userOfRequest(headers: IncomingHttpHeaders, tokens: ReadonlyMap<string, SimUser>): SimUser | undefined {
  const match = BEARER.exec(headers.authorization ?? '');
  return match ? tokens.get(match[1]!) : undefined;
}

/** Headers as the request log keeps them: the bearer token redacted. */
export function loggableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? redactCredentials(text) : text;
  }
  return out;
}

/** `Bearer abc` → `Bearer [redacted]`; anything without a scheme is redacted whole. */
function redactCredentials(value: string): string {
  const scheme = /^(\S+)\s+\S/.exec(value);
  return scheme ? `${scheme[1]} [redacted]` : '[redacted]';
}

function unauthorized(message: string): SimHttpError {
  return new SimHttpError('unauthorized', message);
}
