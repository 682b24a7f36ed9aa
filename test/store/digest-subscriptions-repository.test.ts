/**
 * Digest subscriptions, one specification run on every available dialect: the repository, through
 * the digest's `DigestSubscriptions` (which computes each next slot and hands it to the store).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DigestScheduleError } from '../../src/digests/schedule.js';
import { DigestSubscriptions } from '../../src/digests/subscriptions.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { DigestRowUnreadableError, DigestSubscriptionNotFoundError } from '../../src/store/digest-errors.js';
import { DigestSubscriptionsRepository, type NewDigestSubscription } from '../../src/store/digest-subscriptions-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

/** A Wednesday, 10:00 in Berlin. */
const START = new Date('2026-11-25T09:00:00.000Z');

function aSubscription(overrides: Partial<NewDigestSubscription> = {}): NewDigestSubscription {
  return {
    teamId: 'T0001',
    channelId: 'C0KPIS',
    ownerUserId: 'U0001',
    selection: { kind: 'kpis', kpiIds: ['k1', 'k2'] },
    weekday: 1,
    time: '09:00',
    zone: 'Europe/Berlin',
    skipWhenUnchanged: true,
    listNotUpdated: false,
    ...overrides,
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`DigestSubscriptionsRepository ${target.name}`, () => {
    let store: TestStore;
    let now: Date;
    let repository: DigestSubscriptionsRepository;
    let subscriptions: DigestSubscriptions;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
    });

    afterAll(async () => {
      await store?.close();
    });

    beforeEach(async () => {
      await store.db.deleteFrom('scheduled_deliveries').execute();
      await store.db.deleteFrom('digest_subscriptions').execute();
      now = START;
      repository = new DigestSubscriptionsRepository(store.db, { now: () => now });
      subscriptions = new DigestSubscriptions(repository, { now: () => now.getTime() });
    });

    it('creates an active subscription whose next run is the next slot in its zone', async () => {
      const created = await subscriptions.create(aSubscription());
      expect(created).toEqual({
        ...aSubscription(),
        // A chart unless the form turned it off.
        includeChart: true,
        id: expect.any(String),
        status: 'active',
        pausedReason: null,
        // Monday 2026-11-30 09:00 in Berlin (UTC+1).
        nextRunAt: new Date('2026-11-30T08:00:00.000Z'),
        createdAt: START,
        updatedAt: START,
      });
      expect(await subscriptions.get(created.id)).toEqual(created);
    });

    it('refuses a schedule that has no slot, with one sentence for the user', async () => {
      await expect(subscriptions.create(aSubscription({ time: '9am' }))).rejects.toThrow(DigestScheduleError);
      await expect(subscriptions.create(aSubscription({ zone: 'Mars/Olympus' }))).rejects.toThrow(/not a time zone/);
      await expect(subscriptions.create(aSubscription({ weekday: 0 }))).rejects.toThrow(/Monday/);
    });

    it('recomputes the next run when the schedule is edited', async () => {
      const created = await subscriptions.create(aSubscription());
      const edited = await subscriptions.update(created.id, { weekday: 5, time: '16:30' });
      // Friday 2026-11-27 16:30 in Berlin.
      expect(edited.nextRunAt).toEqual(new Date('2026-11-27T15:30:00.000Z'));
      expect(edited).toMatchObject({ weekday: 5, time: '16:30', zone: 'Europe/Berlin' });
    });

    it('keeps the next run when only the KPIs or options are edited', async () => {
      const created = await subscriptions.create(aSubscription());
      now = new Date('2026-11-30T08:30:00.000Z'); // after the slot, which has not run yet
      const edited = await subscriptions.update(created.id, { selection: { kind: 'favorites' }, listNotUpdated: true, channelId: 'C0OTHER' });
      expect(edited).toMatchObject({ selection: { kind: 'favorites' }, listNotUpdated: true, channelId: 'C0OTHER', nextRunAt: created.nextRunAt });
      expect(edited.updatedAt).toEqual(now);
    });

    it('lists a channel’s subscriptions, oldest first, keyed by channel id', async () => {
      const first = await subscriptions.create(aSubscription());
      now = new Date(START.getTime() + 1000);
      const second = await subscriptions.create(aSubscription({ weekday: 3 }));
      await subscriptions.create(aSubscription({ channelId: 'C0ELSE' }));
      await subscriptions.create(aSubscription({ teamId: 'T0OTHER' }));
      expect((await subscriptions.listByChannel('T0001', 'C0KPIS')).map((s) => s.id)).toEqual([first.id, second.id]);
    });

    it('pauses with kpibot’s reason and resumes from the next slot after now', async () => {
      const created = await subscriptions.create(aSubscription());
      const paused = await subscriptions.pause(created.id, 'kpibot was removed from the channel.');
      expect(paused).toMatchObject({ status: 'paused', pausedReason: 'kpibot was removed from the channel.' });
      expect(await repository.listDue(new Date('2026-12-31T00:00:00.000Z'))).toEqual([]);

      now = new Date('2026-12-09T12:00:00.000Z'); // a Wednesday, two slots later
      const resumed = await subscriptions.resume(created.id);
      expect(resumed).toMatchObject({ status: 'active', pausedReason: null, nextRunAt: new Date('2026-12-14T08:00:00.000Z') });
    });

    it('removes a subscription and says whether there was one', async () => {
      const created = await subscriptions.create(aSubscription());
      expect(await subscriptions.remove(created.id)).toBe(true);
      expect(await subscriptions.remove(created.id)).toBe(false);
      expect(await subscriptions.get(created.id)).toBeUndefined();
    });

    it('removes the claims of a removed subscription with it, and no other kind\'s', async () => {
      const created = await subscriptions.create(aSubscription());
      const claims = new ScheduledDeliveriesRepository(store.db);
      const claim = (kind: string) =>
        claims.claim({ kind, subjectId: created.id, claimKey: `${created.id}/2026-W48/schedule`, lane: 'C0KPIS', instanceId: 'i-1', at: START, leaseMs: 60_000 });
      await claim('digest');
      await claim('reminder');
      await subscriptions.remove(created.id);
      expect(await claims.get('digest', `${created.id}/2026-W48/schedule`)).toBeUndefined();
      expect(await claims.get('reminder', `${created.id}/2026-W48/schedule`)).toMatchObject({ status: 'sending' });
    });

    it('reads a stored selection back checked: a row it cannot read names itself instead of passing garbage on', async () => {
      const created = await subscriptions.create(aSubscription());
      await store.db.updateTable('digest_subscriptions').set({ selection: '{"kind":"kpis","kpiIds":[7]}' }).where('id', '=', created.id).execute();
      await expect(repository.get(created.id)).rejects.toThrow(DigestRowUnreadableError);
      await store.db.updateTable('digest_subscriptions').set({ selection: 'not json' }).where('id', '=', created.id).execute();
      await expect(repository.get(created.id)).rejects.toThrow(`The digest subscription ${created.id} has a selection kpibot cannot read; fix or remove the row.`);
    });

    it('names the missing subscription when asked to change one that does not exist', async () => {
      await expect(subscriptions.update('nope', { time: '10:00' })).rejects.toThrow(DigestSubscriptionNotFoundError);
      await expect(subscriptions.pause('nope')).rejects.toThrow(DigestSubscriptionNotFoundError);
      await expect(subscriptions.resume('nope')).rejects.toThrow(DigestSubscriptionNotFoundError);
    });

    it('lists due active subscriptions earliest slot first', async () => {
      const monday = await subscriptions.create(aSubscription());
      const friday = await subscriptions.create(aSubscription({ weekday: 5 }));
      await subscriptions.create(aSubscription({ weekday: 2 })); // Tuesday: not yet
      const due = await repository.listDue(new Date('2026-11-30T08:00:00.000Z'));
      expect(due.map((s) => s.id)).toEqual([friday.id, monday.id]);
    });

    it('pages the due list by (slot, id): each page continues after the last row of the one before', async () => {
      const friday = await subscriptions.create(aSubscription({ weekday: 5 }));
      const mondays = await Promise.all(Array.from({ length: 4 }, () => subscriptions.create(aSubscription())));
      const at = new Date('2026-11-30T08:00:00.000Z');
      const order = [friday.id, ...mondays.map((m) => m.id).sort()];
      const pages: string[][] = [];
      let after: { slot: Date; id: string } | undefined;
      for (;;) {
        const page = await repository.listDue(at, after, 2);
        if (page.length === 0) break;
        pages.push(page.map((s) => s.id));
        const last = page[page.length - 1]!;
        after = { slot: last.nextRunAt, id: last.id };
      }
      expect(pages).toEqual([order.slice(0, 2), order.slice(2, 4), order.slice(4)]);
    });

    it('advances the next run only from the slot it was asked to move from', async () => {
      const created = await subscriptions.create(aSubscription());
      const next = new Date('2026-12-07T08:00:00.000Z');
      expect(await repository.advance(created.id, created.nextRunAt, next, { kind: 'failed', error: 'Gtmhub did not answer.' })).toBe(true);
      expect(await repository.advance(created.id, created.nextRunAt, next, { kind: 'done' })).toBe(false);
      expect((await subscriptions.get(created.id))?.nextRunAt).toEqual(next);
      expect(await failureColumns(created.id)).toEqual({ consecutive_failures: 1, last_error: 'Gtmhub did not answer.' });
    });

    it('counts failed slots in a row, keeps the count over missed slots, and resets it when a slot is done', async () => {
      const created = await subscriptions.create(aSubscription());
      const slots = ['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'].map((day) => new Date(`${day}T08:00:00.000Z`));
      await repository.advance(created.id, slots[0]!, slots[1]!, { kind: 'failed', error: 'Gtmhub did not answer.' });
      await repository.advance(created.id, slots[1]!, slots[2]!, { kind: 'failed', error: 'Slack refused the digest.' });
      await repository.advance(created.id, slots[2]!, slots[3]!, { kind: 'missed' });
      expect(await failureColumns(created.id)).toEqual({ consecutive_failures: 2, last_error: 'Slack refused the digest.' });
      await repository.advance(created.id, slots[3]!, slots[4]!, { kind: 'done' });
      expect(await failureColumns(created.id)).toEqual({ consecutive_failures: 0, last_error: null });
    });

    /** The failure bookkeeping is for operators reading the table: no application code reads it. */
    function failureColumns(id: string) {
      return store.db.selectFrom('digest_subscriptions').select(['consecutive_failures', 'last_error']).where('id', '=', id).executeTakeFirst();
    }
  });
}
