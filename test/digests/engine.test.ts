/**
 * The digest engine end to end: real store (both dialects), real Slack simulator over HTTP, one
 * fake clock. Each test states one delivery guarantee.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { registerDigests } from '../../src/digests/digests.js';
import { SUBSCRIPTION_REMOVED } from '../../src/digests/kind.js';
import { createMemoryLogger } from '../../src/log.js';
import { SchedulingEngine } from '../../src/scheduling/engine.js';
import { createSlackPostPort, type SlackMessage } from '../../src/slack/scheduling/slack-post-port.js';
import { digestAttention } from '../../src/slack/views/digests/attention.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';
import { at, claimAsCrashedInstance, digestMessages, gtmhubDown, OWNER, PERIOD, SLOT, startEngineWorld, type EngineWorld } from './engine-fixture.js';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`DigestEngine ${target.name}`, () => {
    let store: TestStore;
    let world: EngineWorld;

    beforeEach(async () => {
      store = await openTestStore(target.dialect);
      world = await startEngineWorld(store);
    });

    afterEach(async () => {
      await world?.close();
      await store?.close();
    });

    it('posts a due digest once, with metadata naming the subscription and period, and moves to next week', async () => {
      const sub = await world.subscribe();
      world.clock.set(SLOT);
      const summary = await world.engine().runDue();

      expect(summary.sent).toBe(1);
      const [message] = digestMessages(world.slack, 'C0KPIS');
      expect(message?.metadata?.event_payload).toMatchObject({ subscription_id: sub.id, period: PERIOD });
      expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent', messageRef: message!.ts, partsPosted: 1 });
      expect((await world.subscriptions.get(sub.id))?.nextRunAt.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    });

    it('does nothing before the slot, and nothing more when run again at the same time', async () => {
      await world.subscribe();
      world.clock.set('2026-11-30T07:59:00.000Z');
      const engine = world.engine();
      expect((await engine.runDue()).sent).toBe(0);
      world.clock.set(SLOT);
      await engine.runDue();
      await engine.runDue();
      await world.engine().runDue();
      expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
    });

    it('posts the first message to the channel and the rest into its thread', async () => {
      await world.subscribe();
      world.content.parts = 3;
      world.clock.set(SLOT);
      await world.engine().runDue();
      const [first, ...rest] = digestMessages(world.slack, 'C0KPIS');
      expect(first?.thread_ts).toBeUndefined();
      expect(rest.map((m) => m.thread_ts)).toEqual([first!.ts, first!.ts]);
    });

    it('builds the content of subscriptions due at one slot in one call', async () => {
      await world.subscribe();
      await world.subscribe({ channelId: 'C0GENERAL' });
      world.clock.set(SLOT);
      await world.engine().runDue();
      expect(world.content.builds).toEqual([{ ids: expect.any(Array), at: new Date(SLOT) }]);
      expect(world.content.builds[0]!.ids).toHaveLength(2);
    });

    it('records a digest with nothing to post as skipped, with the reason', async () => {
      const sub = await world.subscribe();
      world.content.skipReason = 'No KPI changed this week.';
      world.clock.set(SLOT);
      await world.engine().runDue();
      expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
      expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'skipped', lastError: 'No KPI changed this week.' });
    });

    describe('after a crash', () => {
      it('posts a digest whose claim was left sending with no message, exactly once', async () => {
        const sub = await world.subscribe();
        await claimAsCrashedInstance(world, sub.id, SLOT);
        world.clock.set(at(SLOT, CLAIM_LEASE_MS + 60_000));

        await world.engine().runDue();
        await world.engine().runDue();

        expect(world.slack.callsTo('conversations.history')).toHaveLength(1);
        expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent' });
      });

      it('does not repost a digest that reached Slack before the crash; it records its ts', async () => {
        const sub = await world.subscribe();
        await claimAsCrashedInstance(world, sub.id, SLOT);
        world.clock.set(at(SLOT, 1_000)); // the crashed instance posted right after claiming
        const ts = await world.postAsKpibot('C0KPIS', { subscription_id: sub.id, period: PERIOD, trigger: 'schedule', part: 0 });
        world.clock.set(at(SLOT, CLAIM_LEASE_MS + 60_000));

        await world.engine().runDue();

        expect(world.slack.callsTo('chat.postMessage')).toHaveLength(1); // only the test's own post
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent', messageRef: ts });
      });

      it('continues an interrupted thread with only the parts that are missing', async () => {
        const sub = await world.subscribe();
        world.content.parts = 3;
        await claimAsCrashedInstance(world, sub.id, SLOT);
        world.clock.set(at(SLOT, 1_000));
        const key = { subscription_id: sub.id, period: PERIOD, trigger: 'schedule' };
        const parent = await world.postAsKpibot('C0KPIS', { ...key, part: 0 });
        await world.postAsKpibot('C0KPIS', { ...key, part: 1 }, parent);
        world.clock.set(at(SLOT, CLAIM_LEASE_MS + 60_000));

        await world.engine().runDue();

        const messages = digestMessages(world.slack, 'C0KPIS');
        expect(messages.map((m) => m.metadata?.event_payload.part)).toEqual([0, 1, 2]);
        expect(messages[2]?.thread_ts).toBe(parent);
      });

      it('leaves a live claim of another instance alone until its lease runs out', async () => {
        const sub = await world.subscribe();
        await claimAsCrashedInstance(world, sub.id, SLOT);
        world.clock.set(at(SLOT, 60_000));
        const summary = await world.engine().runDue();
        expect(summary.busy).toBe(1);
        expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
      });
    });

    describe('catching up after downtime', () => {
      it('sends a digest whose slot passed less than 24 hours ago, once', async () => {
        const sub = await world.subscribe();
        world.clock.set(at(SLOT, 23 * 3_600_000));
        await world.engine().runDue();
        await world.engine().runDue();
        expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent' });
      });

      it('records an older slot as missed, posts nothing, and moves to the next slot', async () => {
        const sub = await world.subscribe();
        world.clock.set(at(SLOT, 25 * 3_600_000));
        const summary = await world.engine().runDue();
        expect(summary.missed).toBe(1);
        expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'missed' });
        expect((await world.subscriptions.get(sub.id))?.nextRunAt.toISOString()).toBe('2026-12-07T08:00:00.000Z');
      });

      it('after weeks away, records each old slot missed and sends the one under 24 hours old', async () => {
        const sub = await world.subscribe();
        world.clock.set('2026-12-14T10:00:00.000Z'); // two hours after the third slot
        const summary = await world.engine().runDue();
        expect(summary).toMatchObject({ missed: 2, sent: 1 });
        expect(digestMessages(world.slack, 'C0KPIS')[0]?.metadata?.event_payload.period).toBe('2026-W50');
        expect((await world.subscriptions.get(sub.id))?.nextRunAt.toISOString()).toBe('2026-12-21T08:00:00.000Z');
      });
    });

    describe('when Slack will not take the post', () => {
      it.each(['channel_not_found', 'is_archived', 'not_in_channel'])(
        '%s pauses the subscription with its reason and DMs the owner what to do',
        async (error) => {
          const sub = await world.subscribe();
          world.slack.failNext('chat.postMessage', { error });
          // On not_in_channel kpibot joins the (public) channel and posts again: here it cannot join.
          if (error === 'not_in_channel') world.slack.failNext('conversations.join', { error: 'method_not_supported_for_channel_type' });
          world.clock.set(SLOT);
          await world.engine().runDue();

          const paused = await world.subscriptions.get(sub.id);
          expect(paused).toMatchObject({ status: 'paused', pausedReason: expect.stringContaining('<#C0KPIS>') });
          expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'failed' });
          const dm = world.slack.callsTo('chat.postMessage').find((c) => c.args.channel === OWNER && c.ok);
          expect(dm?.args.text).toMatch(/paused your weekly KPI digest.*\/kpi digest list/);
        },
      );

      it('really pauses on an archived channel (no injected failure)', async () => {
        const sub = await world.subscribe({ channelId: 'C0ARCHIVED' });
        world.clock.set(SLOT);
        await world.engine().runDue();
        expect((await world.subscriptions.get(sub.id))?.pausedReason).toContain('archived');
      });

      it('waits for Retry-After on a 429, then posts once', async () => {
        await world.subscribe();
        world.slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 });
        world.clock.set(SLOT);
        const summary = await world.engine().runDue();
        expect(summary.sent).toBe(1);
        expect(world.clock.sleeps).toContain(7_000);
        expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
      });

      it('paces posts to one channel about one per second', async () => {
        await world.subscribe();
        await world.subscribe();
        world.content.parts = 2;
        world.clock.set(SLOT);
        await world.engine().runDue();
        const times = world.slack.callsTo('chat.postMessage').map((c) => c.time);
        expect(times).toHaveLength(4);
        for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
      });

      it.each(['invalid_auth', 'account_inactive', 'token_revoked'])(
        '%s stops delivery for the workspace with one log line and keeps the claim retryable',
        async (error) => {
          const subs = [await world.subscribe(), await world.subscribe({ channelId: 'C0GENERAL' })];
          world.slack.failNext('chat.postMessage', { error });
          world.clock.set(SLOT);
          const engine = world.engine();
          await engine.runDue();
          // Channels are posted to at once: a post already in flight to the other channel when the
          // refusal came may have gone out too; nothing starts after it, in this run or the next.
          const posted = world.slack.callsTo('chat.postMessage').length;
          expect(posted).toBeGreaterThanOrEqual(1);
          expect(posted).toBeLessThanOrEqual(2);
          await engine.runDue();

          expect(world.slack.callsTo('chat.postMessage')).toHaveLength(posted);
          expect(world.logs.filter((l) => l.includes('refused kpibot\'s bot token'))).toHaveLength(1);
          // The refused post's claim is given back without counting an attempt (the token is not the digest's fault).
          const deliveries = await Promise.all(subs.map((sub) => world.deliveries.get(sub.id, PERIOD)));
          expect(deliveries.filter((d) => d?.status === 'retrying' && d.attempts === 0).length).toBeGreaterThanOrEqual(1);
          // A restart with a working token delivers both.
          await world.engine().runDue();
          expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
          expect(digestMessages(world.slack, 'C0GENERAL')).toHaveLength(1);
        },
      );
    });

    describe('when Gtmhub fails', () => {
      it('retries at the next heartbeats, keeping the reason', async () => {
        const sub = await world.subscribe();
        world.content.failWith = gtmhubDown();
        world.clock.set(SLOT);
        await world.engine().runDue();
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'retrying', attempts: 1, lastError: expect.stringContaining('Gtmhub') });

        world.content.failWith = undefined;
        world.clock.set(at(SLOT, 60_000));
        await world.engine().runDue();
        expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent' });
      });
    });

    describe('Send now', () => {
      it('posts the last complete week at once, and says so when clicked again that week', async () => {
        const sub = await world.subscribe();
        world.clock.set('2026-11-26T10:00:00.000Z'); // Thursday of 2026-W48: covers 2026-W47
        const first = await world.engine().sendNow(sub.id);
        expect(first).toMatchObject({ kind: 'sent', period: '2026-W47' });
        expect(await world.engine().sendNow(sub.id)).toMatchObject({ kind: 'already_sent', period: '2026-W47' });
        expect(digestMessages(world.slack, 'C0KPIS')).toHaveLength(1);
      });

      it('answers with one sentence when Gtmhub fails', async () => {
        const sub = await world.subscribe();
        world.content.failWith = gtmhubDown();
        const result = await world.engine().sendNow(sub.id);
        expect(result).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^Gtmhub had a server error.*\.$/) });
      });
    });
  });
}

describe('a subscription removed between the due query and the claim', () => {
  it('is not posted: the claim is settled skipped with the reason', async () => {
    const store = await openTestStore('sqlite');
    const world = await startEngineWorld(store);
    try {
      const sub = await world.subscribe();
      world.clock.set(SLOT);
      const engine = new SchedulingEngine<SlackMessage>({
        claims: new ScheduledDeliveriesRepository(store.db),
        port: createSlackPostPort({ botToken: world.slack.botToken, apiUrl: world.slack.apiUrl, logger: createMemoryLogger() }),
        logger: createMemoryLogger(),
        now: world.clock.now,
        sleep: world.clock.sleep,
      });
      // The due query ran before someone removed the subscription.
      const stale = [sub];
      await world.subscriptions.remove(sub.id);
      const digests = registerDigests(engine, {
        subscriptions: { ...pick(world.subscriptions), listDue: async () => stale },
        content: world.content,
        render: world.content.render,
        attention: digestAttention,
      });
      expect(await digests.runDue()).toMatchObject({ sent: 0, skipped: 1 });
      expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
      expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'skipped', lastError: SUBSCRIPTION_REMOVED });
    } finally {
      await world.close();
      await store.close();
    }
  });
});

/** The repository's methods the digest kind uses, bound. */
function pick(repository: EngineWorld['subscriptions']) {
  return {
    get: (id: string) => repository.get(id),
    advance: repository.advance.bind(repository),
    pause: (id: string, reason: string) => repository.pause(id, reason),
  };
}
