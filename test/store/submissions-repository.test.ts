/**
 * The submissions journal, one specification run on every available dialect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SubmissionAlreadyCompletedError, SubmissionNotFoundError } from '../../src/store/errors.js';
import type { NewSubmission } from '../../src/store/submission.js';
import { SubmissionsRepository } from '../../src/store/submissions-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const START = new Date('2026-11-23T09:00:00.000Z');
let keys = 0;

function aSubmission(overrides: Partial<NewSubmission> = {}): NewSubmission {
  return {
    teamId: 'T0001',
    userId: 'U0001',
    kpiId: '6750a1b2c3d4e5f6a7b8c9d0',
    kpiName: 'Weekly revenue',
    period: '2026-W48',
    timeZone: 'UTC+1',
    value: 1234.5,
    rawInput: '1 234,5',
    source: 'modal',
    idempotencyKey: `V123:${++keys}`,
    ...overrides,
  };
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`SubmissionsRepository ${target.name}`, () => {
    let store: TestStore;
    let now: Date;
    let repository: SubmissionsRepository;
    const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
    });

    afterAll(async () => {
      await store?.close();
    });

    beforeEach(async () => {
      await store.db.deleteFrom('submissions').execute();
      now = START;
      repository = new SubmissionsRepository(store.db, { now: () => now });
    });

    describe('begin', () => {
      it('records a pending submission with everything the user submitted', async () => {
        const input = aSubmission();
        const result = await repository.begin(input);
        expect(result).toEqual({
          created: true,
          submission: {
            ...input,
            id: expect.any(String),
            status: 'pending',
            error: null,
            previousValue: null,
            createdAt: START,
            completedAt: null,
          },
        });
      });

      it('returns the existing submission, unchanged, when its idempotency key was already seen', async () => {
        const first = await repository.begin(aSubmission({ idempotencyKey: 'V42:abc', value: 10 }));
        later(1);
        const second = await repository.begin(aSubmission({ idempotencyKey: 'V42:abc', value: 99 }));
        expect(first.created).toBe(true);
        expect(second).toEqual({ created: false, existing: first.created && first.submission });
      });

      it('creates exactly one submission when ten requests with the same key arrive at once', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, () => repository.begin(aSubmission({ idempotencyKey: 'V7:dup' }))));
        const created = results.filter((result) => result.created);
        const ids = new Set(results.map((result) => (result.created ? result.submission.id : result.existing.id)));
        expect(created).toHaveLength(1);
        expect(ids.size).toBe(1);
        expect(await store.db.selectFrom('submissions').select('id').execute()).toHaveLength(1);
      });
    });

    describe('complete', () => {
      it('marks a submission recorded, with the time and the previous value', async () => {
        const { id } = await begun();
        later(1);
        const done = await repository.complete(id, { status: 'recorded', previousValue: 1100 });
        expect(done).toMatchObject({ id, status: 'recorded', error: null, previousValue: 1100, createdAt: START, completedAt: now });
      });

      it('keeps the one-sentence reason of a failure', async () => {
        const { id } = await begun();
        const done = await repository.complete(id, { status: 'failed', error: 'Gtmhub says this KPI is archived.' });
        expect(done).toMatchObject({ status: 'failed', error: 'Gtmhub says this KPI is archived.' });
      });

      it('settles an unknown submission when the real outcome arrives later', async () => {
        const { id } = await begun();
        await repository.complete(id, { status: 'unknown', error: 'Gtmhub did not answer in time.', previousValue: 12 });
        const settled = await repository.complete(id, { status: 'recorded' });
        expect(settled).toMatchObject({ status: 'recorded', error: null, previousValue: 12 });
      });

      it('refuses to overwrite a final outcome', async () => {
        const { id } = await begun();
        await repository.complete(id, { status: 'recorded' });
        await expect(repository.complete(id, { status: 'unknown' })).rejects.toThrow(SubmissionAlreadyCompletedError);
        expect((await repository.recentForUser('T0001', 'U0001'))[0]).toMatchObject({ status: 'recorded' });
      });

      it('fails with SubmissionNotFoundError for an id no submission has', async () => {
        await expect(repository.complete('no-such-id', { status: 'recorded' })).rejects.toThrow(SubmissionNotFoundError);
      });
    });

    describe('recentForUser', () => {
      it("returns the user's submissions in this workspace, newest first, up to the limit", async () => {
        for (const value of [1, 2, 3, 4]) {
          await repository.begin(aSubmission({ value }));
          later(1);
        }
        await repository.begin(aSubmission({ userId: 'U0002', value: 100 }));
        await repository.begin(aSubmission({ teamId: 'T0002', value: 200 }));

        const recent = await repository.recentForUser('T0001', 'U0001', 3);
        expect(recent.map((submission) => submission.value)).toEqual([4, 3, 2]);
      });

      it('returns ten submissions unless told otherwise', async () => {
        for (let i = 0; i < 12; i++) {
          await repository.begin(aSubmission({ value: i }));
          later(1);
        }
        expect(await repository.recentForUser('T0001', 'U0001')).toHaveLength(10);
      });
    });

    describe('pendingOlderThan', () => {
      it('lists the submissions still pending that began before the instant, oldest first', async () => {
        const oldest = await begun({ value: 1 });
        later(5);
        const old = await begun({ value: 2 });
        const completed = await begun({ value: 3 });
        await repository.complete(completed.id, { status: 'recorded' });
        later(5);
        const cutoff = now;
        await begun({ value: 4 });

        const stale = await repository.pendingOlderThan(cutoff);
        expect(stale.map((submission) => submission.id)).toEqual([oldest.id, old.id]);
      });
    });

    async function begun(overrides: Partial<NewSubmission> = {}) {
      const result = await repository.begin(aSubmission(overrides));
      if (!result.created) throw new Error('expected a new submission');
      return result.submission;
    }
  });
}
