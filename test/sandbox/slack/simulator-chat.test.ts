import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { manualClock, simulatorWithClient, slackError } from './helpers.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Slack simulator: messages', () => {
  let sim: SlackSimulator;
  let client: WebClient;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    ({ sim, client, clock } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  it('stores a posted message with its blocks, metadata and a ts from the clock', async () => {
    const metadata = { event_type: 'kpi_digest', event_payload: { week: '2026-W02' } };
    const result = await client.chat.postMessage({ channel: 'C0KPIS', text: 'Digest', blocks: [section('*Digest*')], metadata });

    expect(result.channel).toBe('C0KPIS');
    expect(result.ts).toMatch(new RegExp(`^${Math.floor(clock.now() / 1000)}\\.\\d{6}$`));
    expect(result.message).toMatchObject({ text: 'Digest', bot_id: 'B0KPIBOT', user: 'U0KPIBOT' });
    expect(sim.messages('C0KPIS')).toEqual([expect.objectContaining({ ts: result.ts, blocks: [section('*Digest*')], metadata })]);
  });

  it('gives messages posted in the same millisecond distinct, increasing ts', async () => {
    const first = await client.chat.postMessage({ channel: 'C0KPIS', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C0KPIS', text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('lets conversations.history find a message by its metadata when include_all_metadata is set', async () => {
    await client.chat.postMessage({ channel: 'C0KPIS', text: 'unrelated' });
    const posted = await client.chat.postMessage({
      channel: 'C0KPIS',
      text: 'Digest',
      metadata: { event_type: 'kpi_digest', event_payload: { delivery_id: 'd-42' } },
    });

    const history = await client.conversations.history({ channel: 'C0KPIS', include_all_metadata: true, limit: 50 });
    const found = history.messages?.find((m) => (m.metadata?.event_payload as Record<string, unknown> | undefined)?.delivery_id === 'd-42');
    expect(found?.ts).toBe(posted.ts);
  });

  it('leaves metadata out of history unless include_all_metadata is set', async () => {
    await client.chat.postMessage({ channel: 'C0KPIS', text: 'Digest', metadata: { event_type: 'kpi_digest', event_payload: { a: 1 } } });
    const history = await client.conversations.history({ channel: 'C0KPIS' });
    expect(history.messages?.[0]).not.toHaveProperty('metadata');
  });

  it('returns history newest first, after oldest, paged by limit and cursor', async () => {
    const ts: string[] = [];
    for (const text of ['a', 'b', 'c', 'd']) {
      ts.push((await client.chat.postMessage({ channel: 'C0KPIS', text })).ts as string);
      clock.advance(1000);
    }
    const first = await client.conversations.history({ channel: 'C0KPIS', oldest: ts[0], limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['d', 'c']);
    expect(first.has_more).toBe(true);

    const second = await client.conversations.history({ channel: 'C0KPIS', oldest: ts[0], limit: 2, cursor: first.response_metadata?.next_cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['b']);
    expect(second.has_more).toBe(false);
  });

  it('keeps thread replies out of channel history and returns them from conversations.replies', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0KPIS', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0KPIS', text: 'reply', thread_ts: parent.ts as string });

    const history = await client.conversations.history({ channel: 'C0KPIS' });
    expect(history.messages?.map((m) => m.text)).toEqual(['parent']);
    const replies = await client.conversations.replies({ channel: 'C0KPIS', ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['parent', 'reply']);
  });

  it('refuses a post to a public channel the bot has not joined with not_in_channel', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C0RANDOM', text: 'hi' }))).code).toBe('not_in_channel');
  });

  it('answers channel_not_found for a private channel the bot is not in, as Slack hides it', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'G0SECRET', text: 'hi' }))).code).toBe('channel_not_found');
  });

  it('refuses a post to an archived channel with is_archived', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C0ARCHIVED', text: 'hi' }))).code).toBe('is_archived');
  });

  it('refuses a message with neither text nor blocks with no_text', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C0KPIS' } as never))).code).toBe('no_text');
  });

  it('posts to a user id in the DM channel that conversations.open returns', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0ADMIN', text: 'your KPIs' });
    const opened = await client.conversations.open({ users: 'U0ADMIN' });
    expect(posted.channel).toBe(opened.channel?.id);
    expect(sim.messages(opened.channel?.id as string).map((m) => m.text)).toEqual(['your KPIs']);
  });

  it('posts an ephemeral message only to a member of the channel, and keeps it out of history', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0KPIS', user: 'U0SANDBOX', text: 'only you' });
    expect(result.message_ts).toBeDefined();
    expect(sim.ephemerals('C0KPIS')).toEqual([expect.objectContaining({ user: 'U0SANDBOX', text: 'only you' })]);
    expect(sim.messages('C0KPIS')).toEqual([]);

    const outsider = await slackError(client.chat.postEphemeral({ channel: 'C0KPIS', user: 'U0OWNER', text: 'only you' }));
    expect(outsider.code).toBe('user_not_in_channel');
  });

  it('replaces text and blocks on chat.update and marks the message edited', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: 'old', blocks: [section('old')] });
    await client.chat.update({ channel: 'C0KPIS', ts: posted.ts as string, text: 'new', blocks: [section('new')] });
    expect(sim.messages('C0KPIS')[0]).toMatchObject({ text: 'new', blocks: [section('new')], edited: { user: 'U0KPIBOT' } });
  });

  it('answers message_not_found when chat.update names no message', async () => {
    expect((await slackError(client.chat.update({ channel: 'C0KPIS', ts: '1.000001', text: 'x' }))).code).toBe('message_not_found');
  });

  it('removes a message on chat.delete', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: 'bye' });
    await client.chat.delete({ channel: 'C0KPIS', ts: posted.ts as string });
    expect(sim.messages('C0KPIS')).toEqual([]);
  });

  it('gives a permalink for a posted message', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: 'link me' });
    const link = await client.chat.getPermalink({ channel: 'C0KPIS', message_ts: posted.ts as string });
    expect(link.permalink).toBe(`https://sandbox.slack.com/archives/C0KPIS/p${(posted.ts as string).replace('.', '')}`);
  });
});
