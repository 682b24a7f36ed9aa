/**
 * Exactly once when things go wrong mid-delivery: a recovery that fails before it could look in
 * the channel, a post that hangs, a long Retry-After, a channel that cannot be searched for a slot
 * too old to send. Real store (both dialects), real Slack simulator over HTTP, one fake clock.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { RETRY_DELAYS_MS } from '../../src/scheduling/retry-policy.js';
import { createMemoryLogger } from '../../src/log.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { at, claimAsCrashedInstance, describeOnEveryStore, digestMessages, digestsOn, gtmhubDown, PERIOD, SLOT, startEngineWorld, type EngineWorld } from './engine-fixture.js';

const AFTER_LEASE = at(SLOT, CLAIM_LEASE_MS + 60_000);

describeOnEveryStore('digest recovery', ({ world }) => {
  /** A crashed instance claimed the slot and posted the digest's first message, then died before recording it. */
  async function crashAfterPosting(subscriptionId: string): Promise<string> {
    await claimAsCrashedInstance(world(), subscriptionId, SLOT);
    world().clock.set(at(SLOT, 1_000));
    return world().postAsKpibot('C0KPIS', { subscription_id: subscriptionId, period: PERIOD, trigger: 'schedule', part: 0 });
  }

  it('after a crash, a recovery that Gtmhub fails still looks in the channel on the next try, and posts nothing twice', async () => {
    const sub = await world().subscribe();
    const ts = await crashAfterPosting(sub.id);
    world().clock.set(AFTER_LEASE);
    world().content.failWith = gtmhubDown();
    await world().engine().runDue();
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'retrying', needsLookupSince: new Date(SLOT) });

    world().content.failWith = undefined;
    world().clock.set(at(AFTER_LEASE, RETRY_DELAYS_MS[0]!));
    await world().engine().runDue();

    expect(digestMessages(world().slack, 'C0KPIS')).toHaveLength(1);
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent', messageRef: ts, needsLookupSince: null });
  });

  it('after a crash, a recovery whose channel search Slack rate limits searches again on the next try', async () => {
    const sub = await world().subscribe();
    const ts = await crashAfterPosting(sub.id);
    world().clock.set(AFTER_LEASE);
    world().slack.failNext('conversations.history', { status: 429, retryAfterSeconds: 30 });
    await world().engine().runDue();

    world().clock.set(at(AFTER_LEASE, 60_000));
    await world().engine().runDue();

    expect(digestMessages(world().slack, 'C0KPIS')).toHaveLength(1);
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent', messageRef: ts });
  });

  it('renews the claim after waiting out a Retry-After longer than the lease, right before the post', async () => {
    const sub = await world().subscribe();
    world().slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds: CLAIM_LEASE_MS / 1000 + 100 });
    world().clock.set(SLOT);
    await world().engine().runDue();

    const posted = world().slack.callsTo('chat.postMessage').filter((c) => c.ok);
    expect(posted).toHaveLength(1);
    // The claim was fresh when the post left: no other instance could have taken it for dead.
    expect((await world().deliveries.get(sub.id, PERIOD))?.claimedAt.getTime()).toBe(posted[0]!.time);
  });

  it('records a slot too old to send as missed when the channel cannot be searched for a crashed post', async () => {
    const sub = await world().subscribe();
    await claimAsCrashedInstance(world(), sub.id, SLOT);
    world().clock.set(at(SLOT, 25 * 3_600_000));
    world().slack.failNext('conversations.history', { error: 'internal_error' });

    const summary = await world().engine().runDue();

    expect(summary.missed).toBe(1);
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'missed' });
  });
});

describe('a digest post that Slack never answers', () => {
  let store: TestStore;
  let world: EngineWorld;
  let silent: Server;

  beforeEach(async () => {
    store = await openTestStore('sqlite');
    world = await startEngineWorld(store);
    // Accepts the connection and never answers, like a Slack edge that hangs.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await world?.close();
    await store?.close();
  });

  it('times out, leaves the claim for a lookup after the lease, and does not hold up the run', { timeout: 10_000 }, async () => {
    const sub = await world.subscribe();
    world.clock.set(SLOT);
    const engine = digestsOn(store, {
      slack: { botToken: world.slack.botToken, apiUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`, timeoutMs: 200 },
      content: world.content,
      logger: createMemoryLogger('debug'),
      clock: world.clock,
    });

    const summary = await engine.runDue();

    expect(summary).toMatchObject({ sent: 0, retrying: 1 });
    expect(await world.deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sending', messageRef: null });
  });
});
