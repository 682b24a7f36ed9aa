import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

describe('Slack simulator: users and conversations', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('includes the locale in users.info only when include_locale is true', async () => {
    const withLocale = await client.users.info({ user: 'U0KOLKATA', include_locale: true });
    const without = await client.users.info({ user: 'U0KOLKATA' });
    expect(withLocale.user?.locale).toBe('en-IN');
    expect(without.user).not.toHaveProperty('locale');
  });

  it('gives a user time zone, label and offset in seconds, and admin flags', async () => {
    const { user } = await client.users.info({ user: 'U0ADMIN' });
    expect(user).toMatchObject({ tz: 'America/New_York', tz_label: 'Eastern Standard Time', tz_offset: -18000, is_admin: true, is_owner: false });
  });

  it('answers user_not_found for an unknown user', async () => {
    expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).code).toBe('user_not_found');
  });

  it('reflects setUser changes in users.info', async () => {
    sim.setUser('U0SANDBOX', { tz: 'Asia/Kolkata', tz_offset: 19800 });
    expect((await client.users.info({ user: 'U0SANDBOX' })).user).toMatchObject({ tz: 'Asia/Kolkata', tz_offset: 19800 });
  });

  it('pages conversations.members with limit and cursor', async () => {
    const first = await client.conversations.members({ channel: 'C0GENERAL', limit: 3 });
    const second = await client.conversations.members({ channel: 'C0GENERAL', limit: 3, cursor: first.response_metadata?.next_cursor });
    expect(first.members).toHaveLength(3);
    expect(second.response_metadata?.next_cursor).toBe('');
    expect([...(first.members ?? []), ...(second.members ?? [])]).toEqual(['U0SANDBOX', 'U0ADMIN', 'U0OWNER', 'U0KOLKATA', 'U0KPIBOT']);
  });

  it('describes a channel in conversations.info, including whether the bot is a member', async () => {
    const { channel } = await client.conversations.info({ channel: 'C0RANDOM' });
    expect(channel).toMatchObject({ id: 'C0RANDOM', name: 'random', is_private: false, is_member: false });
  });

  it('hides a private channel the bot is not in from conversations.info', async () => {
    expect((await slackError(client.conversations.info({ channel: 'G0SECRET' }))).code).toBe('channel_not_found');
  });

  it('opens the same DM channel for a user every time', async () => {
    const first = await client.conversations.open({ users: 'U0OWNER' });
    const again = await client.conversations.open({ users: 'U0OWNER' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
  });

  it('knows channels and users added while running', async () => {
    sim.addUser({ id: 'U0NEW', name: 'new', real_name: 'New Hire', tz: 'UTC', tz_label: 'UTC', tz_offset: 0, locale: 'en-US', is_admin: false, is_owner: false });
    sim.addChannel({ id: 'C0NEW', name: 'new-kpis', is_private: false, is_archived: false, members: ['U0NEW', 'U0KPIBOT'] });
    await client.chat.postEphemeral({ channel: 'C0NEW', user: 'U0NEW', text: 'welcome' });
    expect(sim.ephemerals('C0NEW')).toHaveLength(1);
  });
});
