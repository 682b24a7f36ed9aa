/**
 * The scopes the simulated install was granted. Slack reports them on every Web API answer in the
 * `x-oauth-scopes` header (comma separated), and methods behave by them: `users.list` leaves out
 * profile emails without `users:read.email`, `users.lookupByEmail` answers `missing_scope`. An install
 * keeps the scopes it was granted until someone reinstalls, so tests simulate an old install by
 * granting fewer scopes than manifest.yml asks for.
 *
 * Kept beside the workspace (a WeakMap keyed by it) rather than in it, so this feature adds no field
 * to the shared workspace state.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SlackMethodError } from './errors.js';
import type { SimWorkspace } from './workspace.js';

/** Same path from src/sandbox/slack/ and from dist/sandbox/slack/: the repository root's manifest. */
const MANIFEST = new URL('../../../manifest.yml', import.meta.url);

let fromManifest: readonly string[] | undefined;

/** Every bot scope manifest.yml asks for: what a fresh install is granted. Read once per process. */
export function manifestBotScopes(): readonly string[] {
  fromManifest ??= readManifestBotScopes();
  return fromManifest;
}

function readManifestBotScopes(): string[] {
  const manifest: unknown = parse(readFileSync(MANIFEST, 'utf8'));
  const bot = field(field(field(manifest, 'oauth_config'), 'scopes'), 'bot');
  if (!Array.isArray(bot) || !bot.every((scope) => typeof scope === 'string')) {
    throw new Error('manifest.yml has no oauth_config.scopes.bot list of scopes.');
  }
  return bot;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;
}

const granted = new WeakMap<SimWorkspace, readonly string[]>();

export function grantScopes(ws: SimWorkspace, scopes: readonly string[]): void {
  granted.set(ws, [...scopes]);
}

/** The granted scopes; every scope of manifest.yml when none were set. */
export function grantedScopes(ws: SimWorkspace): readonly string[] {
  return granted.get(ws) ?? manifestBotScopes();
}

export function hasScope(ws: SimWorkspace, scope: string): boolean {
  return grantedScopes(ws).includes(scope);
}

/** Slack's refusal of a method the token lacks a scope for: `missing_scope` with `needed` and `provided`. */
export function requireScope(ws: SimWorkspace, scope: string): void {
  if (!hasScope(ws, scope)) throw new SlackMethodError('missing_scope', { needed: scope, provided: grantedScopes(ws).join(',') });
}

/** A Web API answer with the header Slack adds to every one: the granted scopes, comma separated. */
export function withScopeHeader<T extends { headers: Record<string, string> }>(ws: SimWorkspace, answer: T): T {
  return { ...answer, headers: { 'x-oauth-scopes': grantedScopes(ws).join(','), ...answer.headers } };
}
