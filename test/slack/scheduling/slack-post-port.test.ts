/**
 * kpibot in public channels it is not a member of: Slack's history reads (crash recovery) need
 * membership, so the Slack post port joins the channel and tries again instead of calling
 * `not_in_channel` "the channel is gone" (which pauses the subscription).
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestMessageKey } from '../../../src/digests/keys.js';
import { createMemoryLogger } from '../../../src/log.js';
import { startSlackSimulator, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { SlackPostPort } from '../../../src/slack/scheduling/slack-post-port.js';

const NOW = Date.parse('2026-11-30T08:00:00Z');
const KEY = digestMessageKey('sub-1', '2026-W48', 'schedule');
const MESSAGE = { text: 'Weekly KPIs', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Weekly KPIs' } }] };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} };

describe('SlackPostPort in a public channel kpibot is not in', () => {
  let sim: SlackSimulator;
  let slack: SlackPostPort;

  beforeEach(async () => {
    sim = await startSlackSimulator({ now: () => NOW });
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, logger: quiet, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    slack = new SlackPostPort(client, createMemoryLogger('debug'));
  });
  afterEach(async () => {
    await sim.close();
  });

  it('joins the channel to look for a digest after a crash, and finds none there', async () => {
    expect(await slack.findPosted('C0RANDOM', KEY, new Date(NOW - 3_600_000), null)).toEqual({ kind: 'found', ref: null, partsPosted: 0 });
    expect(sim.callsTo('conversations.join')).toHaveLength(1);
  });

  it('joins the channel before posting when kpibot is not in it (never joined, or removed since)', async () => {
    const posted = await slack.post('C0RANDOM', MESSAGE, KEY, 0);
    expect(posted.kind).toBe('delivered');
    expect(sim.messages('C0RANDOM').map((m) => m.ts)).toEqual([posted.kind === 'delivered' ? posted.ref : undefined]);
  });

  it('calls a read refused for want of membership a refusal, not a gone channel, when kpibot cannot join', async () => {
    sim.failNext('conversations.join', { error: 'missing_scope' });
    expect(await slack.findPosted('C0RANDOM', KEY, new Date(NOW - 3_600_000), null)).toEqual({ kind: 'refused', code: 'not_in_channel' });
  });

  it('still calls a post refused for want of membership a gone channel when kpibot cannot join', async () => {
    sim.failNext('conversations.join', { error: 'missing_scope' });
    expect(await slack.post('C0RANDOM', MESSAGE, KEY, 0)).toEqual({ kind: 'channel_gone', code: 'not_in_channel' });
  });
});

describe('SlackPostPort with a chart to upload', () => {
  let sim: SlackSimulator;
  let slack: SlackPostPort;
  let logger: ReturnType<typeof createMemoryLogger>;
  const chart = {
    title: 'Weekly KPIs — 2026-W48',
    locale: 'en-US',
    filename: 'digest-2026-W48-1.png',
    series: [{ name: 'MRR', formatting: { fractionSize: 0, prefix: '$', suffix: '' }, targetOperator: 'should_increase', currentPeriod: '2026-W48', weeks: [{ period: '2026-W47', value: 1 }, { period: '2026-W48', value: 2 }] }],
  };

  beforeEach(async () => {
    sim = await startSlackSimulator({ now: () => NOW });
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, logger: quiet, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    logger = createMemoryLogger('debug');
    slack = new SlackPostPort(client, logger);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('uploads the picture into the thread of the post and shows it in the message', async () => {
    const parent = await slack.post('C0KPIS', MESSAGE, KEY, 0);
    const ts = parent.kind === 'delivered' ? parent.ref : '';
    const posted = await slack.post('C0KPIS', { ...MESSAGE, chart }, KEY, 1, ts);
    expect(posted.kind).toBe('delivered');
    const message = sim.messages('C0KPIS').find((m) => m.thread_ts === ts && JSON.stringify(m.blocks ?? []).includes('slack_file'))!;
    const image = (message.blocks as Array<{ type: string; slack_file?: { id: string } }>).find((b) => b.type === 'image')!;
    expect(sim.files.byId(image.slack_file!.id)).toMatchObject({ completed: true, shares: ['C0KPIS'] });
  });

  it('posts the message without the picture, saying so, when the upload fails, and logs why', async () => {
    sim.failNext('files.completeUploadExternal', { error: 'internal_error' });
    const posted = await slack.post('C0KPIS', { ...MESSAGE, chart }, KEY, 1);
    expect(posted.kind).toBe('delivered');
    const last = sim.messages('C0KPIS').at(-1)!;
    expect(JSON.stringify(last.blocks)).toContain('The chart could not be drawn or uploaded this time.');
    expect(JSON.stringify(last.blocks)).not.toContain('slack_file');
    expect(logger.lines.some((l) => l.includes('went without its chart: the chart upload failed at complete'))).toBe(true);
  });
});
