/**
 * Each subscription gets each week once, whether the schedule or Send now posts it.
 * Real store (both dialects), real Slack simulator over HTTP, one fake clock.
 */
import { expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { at, claimAsCrashedInstance, describeOnEveryStore, digestMessages, PERIOD, SLOT } from './engine-fixture.js';

/** Monday 2026-11-30 08:00 in Berlin, an hour before the slot: Send now covers 2026-W48 too. */
const BEFORE_SLOT = '2026-11-30T07:00:00.000Z';

describeOnEveryStore('one digest per week', ({ world }) => {
  it('the scheduled run records a week Send now already posted as skipped, "already sent on request", and moves on', async () => {
    const sub = await world().subscribe();
    world().clock.set(BEFORE_SLOT);
    expect(await world().engine().sendNow(sub.id)).toMatchObject({ kind: 'sent', period: PERIOD });

    world().clock.set(SLOT);
    const summary = await world().engine().runDue();

    expect(summary).toMatchObject({ sent: 0, skipped: 1 });
    expect(digestMessages(world().slack, 'C0KPIS').map((m) => m.metadata?.event_payload.trigger)).toEqual(['manual']);
    expect(await world().deliveries.get(sub.id, PERIOD, 'schedule')).toMatchObject({ status: 'skipped', lastError: 'already sent on request' });
    expect((await world().subscriptions.get(sub.id))?.nextRunAt.toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('Send now for a week the schedule already posted answers already_sent with that message', async () => {
    const sub = await world().subscribe();
    world().clock.set(SLOT);
    await world().engine().runDue();
    const scheduled = await world().deliveries.get(sub.id, PERIOD, 'schedule');

    world().clock.set(at(SLOT, 3_600_000));
    expect(await world().engine().sendNow(sub.id)).toEqual({ kind: 'already_sent', period: PERIOD, messageTs: scheduled?.messageRef });
    expect(digestMessages(world().slack, 'C0KPIS')).toHaveLength(1);
  });

  it('Send now stands back while the scheduled digest of the week is being sent', async () => {
    const sub = await world().subscribe();
    await claimAsCrashedInstance(world(), sub.id, SLOT, 'schedule');
    world().clock.set(at(SLOT, 60_000));
    expect(await world().engine().sendNow(sub.id)).toEqual({ kind: 'in_progress', period: PERIOD });
    expect(world().slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('the scheduled run finds the post of a Send now that died before recording it, and skips the week', async () => {
    const sub = await world().subscribe();
    await claimAsCrashedInstance(world(), sub.id, BEFORE_SLOT, 'manual');
    world().clock.set(at(BEFORE_SLOT, 1_000));
    await world().postAsKpibot('C0KPIS', { subscription_id: sub.id, period: PERIOD, trigger: 'manual', part: 0 });

    // An hour after the Send now claim it is dead: its post is looked for, found, and counts.
    world().clock.set(SLOT);
    const summary = await world().engine().runDue();

    expect(summary).toMatchObject({ sent: 0, skipped: 1 });
    expect(digestMessages(world().slack, 'C0KPIS')).toHaveLength(1);
    expect(await world().deliveries.get(sub.id, PERIOD, 'schedule')).toMatchObject({ status: 'skipped', lastError: 'already sent on request' });
  });

  it('the scheduled run leaves a live Send now claim of the week alone and tries again at the next heartbeat', async () => {
    const sub = await world().subscribe();
    await claimAsCrashedInstance(world(), sub.id, at(SLOT, -60_000), 'manual');
    world().clock.set(SLOT);
    const summary = await world().engine().runDue();

    expect(summary).toMatchObject({ sent: 0, busy: 1 });
    expect(world().slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await world().deliveries.get(sub.id, PERIOD, 'schedule')).toMatchObject({ status: 'retrying', attempts: 0 });
    // The Send now died without posting: once its lease ran out, the schedule posts.
    world().clock.set(at(SLOT, CLAIM_LEASE_MS));
    expect(await world().engine().runDue()).toMatchObject({ sent: 1 });
    expect(digestMessages(world().slack, 'C0KPIS').map((m) => m.metadata?.event_payload.trigger)).toEqual(['schedule']);
  });
});
