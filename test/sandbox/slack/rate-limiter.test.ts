/** The rate limiter and the floor of a run, on a hand-moved clock: no real timer decides anything. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/sandbox/slack/rate-limiter.js';
import { floorCallsOf, floorOfRun } from '../../../src/sandbox/slack/rate-floor.js';
import { METHOD_TIERS, SLACK_LIKE_LIMITS, TIER_CALLS_PER_MINUTE, type SlackLimits } from '../../../src/sandbox/slack/rate-model.js';
import { methods } from '../../../src/sandbox/slack/methods/index.js';
import { manualClock } from './helpers.js';

function limiter(limits: SlackLimits = SLACK_LIKE_LIMITS) {
  const clock = manualClock();
  return { clock, limiter: new RateLimiter(limits, clock.now) };
}

describe('the rate limiter', () => {
  it('admits everything when no limit is on', () => {
    const { limiter: l } = limiter({});
    expect(l.enabled).toBe(false);
    for (let i = 0; i < 500; i++) expect(l.admit('chat.postMessage', 'C1')).toEqual({ admitted: true });
    for (let i = 0; i < 500; i++) expect(l.admit('users.info')).toEqual({ admitted: true });
  });

  it('takes one post per second per channel, no burst, and says when to come back', () => {
    const { clock, limiter: l } = limiter({ perChannelPosting: true });
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(true);
    clock.advance(1);
    expect(l.admit('chat.postMessage', 'C1')).toEqual({ admitted: false, retryAfterSeconds: 1, limit: 'channel' });
    // Another channel is not held back by C1's post.
    expect(l.admit('chat.postMessage', 'C2').admitted).toBe(true);
    clock.advance(998);
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(false);
    clock.advance(1);
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(true);
  });

  it('does not count a refused post: the channel is free one second after the last admitted one', () => {
    const { clock, limiter: l } = limiter({ perChannelPosting: true });
    l.admit('chat.postMessage', 'C1');
    clock.advance(900);
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(false);
    clock.advance(100);
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(true);
  });

  it('paces posts across the workspace at 500 a minute: one every 120 ms', () => {
    const { clock, limiter: l } = limiter({ workspacePostsPerMinute: 500 });
    expect(l.admit('chat.postMessage', 'C1').admitted).toBe(true);
    clock.advance(119);
    expect(l.admit('chat.postMessage', 'C2')).toEqual({ admitted: false, retryAfterSeconds: 1, limit: 'workspace' });
    clock.advance(1);
    expect(l.admit('chat.postMessage', 'C2').admitted).toBe(true);
    // 500 posts in as many channels, tried every 10 ms, take a minute less one interval.
    const first = clock.now() - 120;
    let admitted = 2;
    while (admitted < 500) {
      clock.advance(10);
      if (l.admit('chat.postMessage', `C${admitted + 10}`).admitted) admitted += 1;
    }
    expect(clock.now() - first).toBe(499 * 120);
  });

  it('allows each tier its calls per minute per method, counted over the last 60 s', () => {
    const { clock, limiter: l } = limiter({ tiers: true });
    for (let i = 0; i < 50; i++) {
      expect(l.admit('conversations.join').admitted).toBe(true);
      clock.advance(100);
    }
    // The 51st within the minute is refused until the first call leaves the window.
    expect(l.admit('conversations.join')).toEqual({ admitted: false, retryAfterSeconds: 55, limit: 'tier' });
    // Another method has its own allowance.
    expect(l.admit('conversations.history').admitted).toBe(true);
    clock.advance(55_000);
    expect(l.admit('conversations.join').admitted).toBe(true);
    expect(l.admit('conversations.join').admitted).toBe(false);
  });

  it('gives Tier 4 methods 100 calls a minute and leaves special methods to their own limits', () => {
    const { limiter: l } = limiter({ tiers: true });
    for (let i = 0; i < 100; i++) expect(l.admit('views.publish').admitted).toBe(true);
    expect(l.admit('views.publish').admitted).toBe(false);
    for (let i = 0; i < 300; i++) expect(l.admit('auth.test').admitted).toBe(true);
    for (let i = 0; i < 300; i++) expect(l.admit('chat.postMessage', `C${i}`).admitted).toBe(true);
  });

  it('checks every limit of a post: a tier-free post refused by its channel does not use the workspace pace', () => {
    const { clock, limiter: l } = limiter();
    l.admit('chat.postMessage', 'C1');
    clock.advance(500);
    expect(l.admit('chat.postMessage', 'C1')).toMatchObject({ admitted: false, limit: 'channel' });
    expect(l.admit('chat.postMessage', 'C2').admitted).toBe(true);
  });
});

describe('the tier table', () => {
  it('names a tier for every method the simulator answers', () => {
    expect(Object.keys(methods).filter((m) => METHOD_TIERS[m] === undefined)).toEqual([]);
  });

  it('uses the model’s numbers: Tier 2 = 20, Tier 3 = 50, Tier 4 = 100 calls per minute', () => {
    expect(TIER_CALLS_PER_MINUTE).toMatchObject({ tier2: 20, tier3: 50, tier4: 100 });
  });
});

describe('the floor of a run', () => {
  const posts = (channel: string, n: number) => Array.from({ length: n }, () => ({ method: 'chat.postMessage', channel }));

  it('is the busiest channel’s posts − 1 seconds when one channel binds, plus one latency', () => {
    const floor = floorOfRun([...posts('C1', 10), ...posts('C2', 3)], { latencyMs: 300 });
    expect(floor).toMatchObject({ posts: 13, busiestChannelPosts: 10, channelBoundMs: 9_000, ms: 9_300 });
  });

  it('is all posts ÷ 500 minutes when the workspace binds', () => {
    const calls = Array.from({ length: 2_000 }, (_, i) => ({ method: 'chat.postMessage', channel: `C${i % 500}` }));
    const floor = floorOfRun(calls, { latencyMs: 300 });
    expect(floor.channelBoundMs).toBe(3_000);
    expect(floor.workspaceBoundMs).toBe(240_000);
    expect(floor.ms).toBe(240_300);
  });

  it('counts every call: tier-limited calls bind when there are more than a minute’s worth', () => {
    const joins = Array.from({ length: 120 }, () => ({ method: 'conversations.join' }));
    const floor = floorOfRun([...posts('C1', 2), ...joins], { latencyMs: 0 });
    // 120 joins at 50 a minute: 50 now, 50 a minute later, 20 two minutes later.
    expect(floor).toMatchObject({ tierBoundMs: 120_000, tierBoundMethod: 'conversations.join', ms: 120_000 });
  });

  it('is one latency for a run with nothing to post', () => {
    expect(floorOfRun([], { latencyMs: 250 }).ms).toBe(250);
  });

  it('takes the calls a run made from the simulator’s record, leaving out the ones Slack refused', () => {
    const recorded = [
      { method: 'chat.postMessage', args: { channel: 'general' }, channelId: 'C0GENERAL' },
      { method: 'chat.postMessage', args: { channel: 'C0GENERAL' }, error: 'ratelimited' },
      { method: 'users.info', args: { user: 'U1' } },
    ];
    expect(floorCallsOf(recorded)).toEqual([{ method: 'chat.postMessage', channel: 'C0GENERAL' }, { method: 'users.info' }]);
  });
});
