/**
 * Delivery at Slack's pace, end to end: the Slack simulator enforces Slack's limits (one post per
 * second per channel, 500 posts a minute per workspace, the method tiers), and 200 digests due at
 * one moment in 20 channels all arrive, each once, in schedule order per channel, none lost to a
 * 429. Slack counts posts by when they arrive, so this suite runs on real time (about 25 s per
 * store: 200 posts at 500 a minute): a clock that jumps while a post is on its way would make Slack
 * see two posts at once. Its outcome does not depend on timing: a 429 is waited out and retried,
 * and the assertions are on what arrived, never on how fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_LIKE_LIMITS } from '../../src/sandbox/slack/rate-model.js';
import { SANDBOX_BOT_USER_ID, type SimMessage } from '../../src/sandbox/slack/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { aDigestSubscription } from '../helpers/digest-subscriptions.js';
import { storeTargets } from '../helpers/stores.js';

const CHANNELS = 20;
const PER_CHANNEL = 10;

/** kpibot's clock on real time, for the one suite where Slack's limits count real milliseconds. */
class RealTimeClock extends FakeClock {
  override readonly now = (): number => Date.now();
  override readonly sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  override readonly after = (ms: number, callback: () => void): (() => void) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`200 digests in 20 channels at Slack's pace ${target.name}`, () => {
    let h: Harness;
    const clock = new RealTimeClock(Date.now());
    const expected = new Map<string, string[]>();
    let slot: Date;

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, clock, slack: { limits: SLACK_LIKE_LIMITS, now: clock.now }, scheduling: { scheduler: false } });
      const kpi = [...h.gtmhub.state.kpis.values()][0]!;
      const created: Array<{ id: string; channelId: string }> = [];
      for (let c = 0; c < CHANNELS; c += 1) {
        const channelId = `C0PACE${String(c).padStart(2, '0')}`;
        h.slack.addChannel({ id: channelId, name: `pace-${c}`, is_private: false, is_archived: false, members: [SANDBOX_BOT_USER_ID] });
      }
      for (let i = 0; i < CHANNELS * PER_CHANNEL; i += 1) {
        const channelId = `C0PACE${String(i % CHANNELS).padStart(2, '0')}`;
        const sub = await h.kpibot.deps.digests!.subscriptions.create(aDigestSubscription(channelId, [kpi.id], { includeChart: false }));
        created.push({ id: sub.id, channelId });
        slot = sub.nextRunAt;
      }
      // Schedule order: due at one moment, by id (the due query's order).
      for (const sub of [...created].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
        expected.set(sub.channelId, [...(expected.get(sub.channelId) ?? []), sub.id]);
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    it('posts every digest once, in schedule order per channel, at least a second apart per channel, none lost to a 429', async () => {
      const summary = await h.kpibot.scheduler.engine.engine.runAllDue(slot);
      expect(summary).toMatchObject({ sent: CHANNELS * PER_CHANNEL, retrying: 0, failed: 0 });

      const subscriptionOf = (m: SimMessage) => m.metadata?.event_payload.subscription_id as string | undefined;
      for (const [channelId, ids] of expected) {
        const posted = h.slack.messages(channelId).filter((m) => m.thread_ts === undefined && subscriptionOf(m) !== undefined);
        expect(posted.map(subscriptionOf)).toEqual(ids);
        const times = posted.map((m) => Number(m.ts) * 1000);
        for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
      }
      const posts = h.slack.callsTo('chat.postMessage');
      // Every post Slack took is one of the 200 (a refused one was waited out and sent later).
      expect(posts.filter((c) => c.ok)).toHaveLength(CHANNELS * PER_CHANNEL);
      // 200 posts at 500 a minute: about 25 s; the bound only keeps a stuck run from hanging the suite.
    }, 120_000);
  });
}
