import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import type { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultUsers, demoSlackMembers, type SlackSimulator, type SlackSimulatorOptions } from '../../../src/sandbox/slack/index.js';
import { DEMO_PEOPLE } from '../../../src/sandbox/gtmhub/demo-catalog.js';
import { demoEmailOf } from '../../../src/sandbox/gtmhub/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

const manifestScopes: string[] = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')).oauth_config.scopes.bot;

describe('Slack simulator: users.list, users.lookupByEmail and granted scopes', () => {
  let sim: SlackSimulator;
  let client: WebClient;
  const start = async (options: SlackSimulatorOptions = {}) => {
    ({ sim, client } = await simulatorWithClient({ users: [...defaultUsers(), ...demoSlackMembers()], ...options }));
  };
  afterEach(async () => {
    await sim.close();
  });

  it('pages users.list with limit and cursor, every member once, deactivated members, bots and Slackbot included', async () => {
    await start();
    const ids: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ limit: 4, ...(cursor ? { cursor } : {}) });
      expect((page.members ?? []).length).toBeLessThanOrEqual(4);
      ids.push(...(page.members ?? []).map((m) => m.id!));
      cursor = page.response_metadata?.next_cursor || undefined;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    expect(ids).toEqual([...defaultUsers(), ...demoSlackMembers()].map((u) => u.id));
    expect(cursors.length).toBe(Math.ceil(ids.length / 4) - 1);
    const all = await client.users.list({});
    const byId = new Map((all.members ?? []).map((m) => [m.id, m]));
    expect(byId.get('U0LARS')).toMatchObject({ deleted: true });
    expect(byId.get('U0STANDUP')).toMatchObject({ is_bot: true });
    expect(byId.get('USLACKBOT')).toMatchObject({ is_bot: false, deleted: false });
  });

  it('sends profile emails to an install with users:read.email, as the member typed them', async () => {
    await start();
    const { members = [] } = await client.users.list({});
    expect(members.find((m) => m.id === 'U0AMELIE')?.profile?.email).toBe('Amelie.Laurent@Example.com');
    expect(members.find((m) => m.id === 'U0KPIBOT')?.profile).not.toHaveProperty('email');
  });

  it('leaves emails out of users.list and users.info for an install without users:read.email', async () => {
    await start({ scopes: manifestScopes.filter((s) => s !== 'users:read.email') });
    const { members = [] } = await client.users.list({});
    expect(members.length).toBeGreaterThan(0);
    expect(members.filter((m) => m.profile?.email !== undefined)).toEqual([]);
    expect((await client.users.info({ user: 'U0JANE' })).user?.profile).not.toHaveProperty('email');
  });

  it('answers invalid_cursor for a cursor it did not give', async () => {
    await start();
    expect((await slackError(client.users.list({ cursor: 'bm90LWEtY3Vyc29y' }))).code).toBe('invalid_cursor');
  });

  it('finds a member by email without regard to case, and answers users_not_found otherwise', async () => {
    await start();
    expect((await client.users.lookupByEmail({ email: 'amelie.laurent@example.com' })).user?.id).toBe('U0AMELIE');
    expect((await slackError(client.users.lookupByEmail({ email: 'nobody@example.com' }))).code).toBe('users_not_found');
  });

  it('refuses users.lookupByEmail with missing_scope to an install without users:read.email', async () => {
    await start({ scopes: ['users:read', 'chat:write'] });
    const error = await slackError(client.users.lookupByEmail({ email: 'jane.doe@example.com' }));
    expect(error.code).toBe('missing_scope');
    expect(error.data).toMatchObject({ needed: 'users:read.email', provided: 'users:read,chat:write' });
  });

  it('reports the granted scopes on every Web API answer (x-oauth-scopes), every manifest scope by default', async () => {
    await start();
    const answer = await client.auth.test();
    expect(answer.response_metadata?.scopes).toEqual(manifestScopes);
    expect(manifestScopes).toContain('users:read.email');
  });

  it('reports fewer scopes after setScopes, even on an answer that failed', async () => {
    await start();
    sim.setScopes(['commands', 'users:read']);
    expect((await client.auth.test()).response_metadata?.scopes).toEqual(['commands', 'users:read']);
    expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).data.response_metadata).toMatchObject({ scopes: ['commands', 'users:read'] });
  });
});

describe('demo Slack members', () => {
  it('carry the emails of the Gtmhub simulator’s demo people, except the cases they stand for', () => {
    const emails = new Map(demoSlackMembers().map((m) => [m.real_name, m.email?.toLowerCase()]));
    const matching = DEMO_PEOPLE.filter((name) => emails.get(name) === demoEmailOf(name));
    expect(matching).toEqual(['Jane Doe', 'Amélie Laurent', 'Priya Natarajan', 'Lars Øberg', 'Carlos Mendoza', 'Fatima Zahra']);
    expect(emails.get('Kenji Watanabe')).not.toBe(demoEmailOf('Kenji Watanabe'));
  });

  it('use ids the default members do not', () => {
    const defaults = new Set(defaultUsers().map((u) => u.id));
    expect(demoSlackMembers().filter((m) => defaults.has(m.id))).toEqual([]);
  });
});
