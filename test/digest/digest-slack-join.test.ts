/**
 * kpibot in public channels it is not a member of: Slack's history reads (crash recovery) need
 * membership, so DigestSlack joins the channel and tries again instead of treating
 * `not_in_channel` as "the channel is gone" (which pauses the subscription).
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestSlack, DigestSlackError, type DigestMessageKey } from '../../src/digest/digest-slack.js';
import { createMemoryLogger } from '../../src/log.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';

const NOW = Date.parse('2026-11-30T08:00:00Z');
const KEY: DigestMessageKey = { subscriptionId: 'sub-1', period: '2026-W48', trigger: 'schedule' };
const MESSAGE = { text: 'Weekly KPIs', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Weekly KPIs' } }] };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} };

describe('DigestSlack in a public channel kpibot is not in', () => {
  let sim: SlackSimulator;
  let slack: DigestSlack;

  beforeEach(async () => {
    sim = await startSlackSimulator({ now: () => NOW });
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, logger: quiet, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    slack = new DigestSlack({ client, logger: createMemoryLogger('debug'), now: () => NOW, sleep: async () => undefined });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('joins the channel to look for a digest after a crash, and finds none there', async () => {
    expect(await slack.findPosted('C0RANDOM', KEY, new Date(NOW - 3_600_000), null)).toEqual({ messageTs: null, partsPosted: 0 });
    expect(sim.callsTo('conversations.join')).toHaveLength(1);
  });

  it('joins the channel before posting when kpibot is not in it (never joined, or removed since)', async () => {
    const ts = await slack.post('C0RANDOM', MESSAGE, KEY, 0);
    expect(sim.messages('C0RANDOM').map((m) => m.ts)).toEqual([ts]);
  });

  it('calls a read refused for want of membership a refusal, not a gone channel, when kpibot cannot join', async () => {
    sim.failNext('conversations.join', { error: 'missing_scope' });
    const read = slack.findPosted('C0RANDOM', KEY, new Date(NOW - 3_600_000), null);
    await expect(read).rejects.toMatchObject({ kind: 'refused', slackError: 'not_in_channel' });
    await expect(read).rejects.toBeInstanceOf(DigestSlackError);
  });

  it('still calls a post refused for want of membership a gone channel when kpibot cannot join', async () => {
    sim.failNext('conversations.join', { error: 'missing_scope' });
    await expect(slack.post('C0RANDOM', MESSAGE, KEY, 0)).rejects.toMatchObject({ kind: 'channel_gone', slackError: 'not_in_channel' });
  });
});
