/**
 * Retries between heartbeats back off, and the subscription's failure count survives downtime.
 * Real store (both dialects), real Slack simulator over HTTP, one fake clock ticking each minute.
 */
import { expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/scheduling/retry-policy.js';
import { at, describeOnEveryStore, gtmhubDown, PERIOD, SLOT } from './engine-fixture.js';

const MINUTE = 60_000;

describeOnEveryStore('digest retries', ({ world, store }) => {
  it(`tries a digest Gtmhub keeps failing ${MAX_ATTEMPTS} times, 1, 5, 15 and 60 minutes apart, then marks it failed and moves to next week`, async () => {
    const sub = await world().subscribe();
    world().content.failWith = gtmhubDown();
    const engine = world().engine();
    const triedAtMinutes: number[] = [];
    for (let minute = 0; minute <= 120; minute += 1) {
      world().clock.set(at(SLOT, minute * MINUTE));
      const builds = world().content.builds.length;
      await engine.runDue();
      if (world().content.builds.length > builds) triedAtMinutes.push(minute);
    }

    expect(triedAtMinutes).toEqual([0, 1, 6, 21, 81]);
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS - 1, lastError: expect.stringContaining('Gtmhub') });
    expect((await world().subscriptions.get(sub.id))?.nextRunAt.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(world().slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('sends the digest at the first try after Gtmhub is back, not before its backoff', async () => {
    const sub = await world().subscribe();
    world().content.failWith = gtmhubDown();
    world().clock.set(SLOT);
    await world().engine().runDue();
    await world().engine().runDue();
    world().content.failWith = undefined;

    world().clock.set(at(SLOT, RETRY_DELAYS_MS[0]! - 1));
    expect(await world().engine().runDue()).toMatchObject({ sent: 0, retrying: 1 });
    world().clock.set(at(SLOT, RETRY_DELAYS_MS[0]!));
    expect(await world().engine().runDue()).toMatchObject({ sent: 1 });
    expect(await world().deliveries.get(sub.id, PERIOD)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps the count of failed weeks when kpibot was down over a later slot', async () => {
    const sub = await world().subscribe();
    const nextWeek = new Date('2026-12-07T08:00:00.000Z');
    await world().subscriptions.advance(sub.id, sub.nextRunAt, nextWeek, { kind: 'failed', error: 'Gtmhub did not answer.' });

    world().clock.set(at(nextWeek.toISOString(), 25 * 3_600_000)); // the 2026-12-07 slot is over 24 h old
    expect(await world().engine().runDue()).toMatchObject({ missed: 1 });

    const row = await store().db.selectFrom('digest_subscriptions').select(['consecutive_failures', 'last_error', 'next_run_at']).where('id', '=', sub.id).executeTakeFirst();
    expect(row).toEqual({ consecutive_failures: 1, last_error: 'Gtmhub did not answer.', next_run_at: '2026-12-14T08:00:00.000Z' });
  });
});
