import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

describe('Slack simulator: conversations.join', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('lets the bot join a public channel it is not in, after which it may post and read there', async () => {
    const joined = await client.conversations.join({ channel: 'C0RANDOM' });
    expect(joined.channel).toMatchObject({ id: 'C0RANDOM', is_member: true });
    await client.chat.postMessage({ channel: 'C0RANDOM', text: 'hello' });
    expect((await client.conversations.history({ channel: 'C0RANDOM' })).messages).toHaveLength(1);
  });

  it('answers already_in_channel as a warning where the bot already is', async () => {
    const joined = await client.conversations.join({ channel: 'C0KPIS' });
    expect(joined.ok).toBe(true);
    expect(joined.warning).toBe('already_in_channel');
  });

  it('refuses a private channel: the bot needs an invitation there', async () => {
    expect((await slackError(client.conversations.join({ channel: 'G0SECRET' }))).data.error).toBe('method_not_supported_for_channel_type');
  });

  it('refuses an archived channel', async () => {
    sim.setChannel('C0RANDOM', { is_archived: true });
    expect((await slackError(client.conversations.join({ channel: 'C0RANDOM' }))).data.error).toBe('is_archived');
  });
});
