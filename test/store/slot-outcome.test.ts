/**
 * slotOutcomeColumns, the failure bookkeeping that digests, alerts and check-ins write when they
 * advance a slot, run on every available dialect against a table of its own (any table with the
 * two columns takes it).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlotOutcome } from '../../src/scheduling/kind.js';
import type { Database } from '../../src/store/schema.js';
import { slotOutcomeColumns, type SlotOutcomeColumns } from '../../src/store/slot-outcome.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

type WithSubjects = { slot_subjects: { id: string } & SlotOutcomeColumns };

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`slotOutcomeColumns ${target.name}`, () => {
    let store: TestStore;
    let db: Kysely<Database & WithSubjects>;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      db = store.db.withTables<WithSubjects>();
      await db.schema
        .createTable('slot_subjects')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('consecutive_failures', 'integer', (column) => column.notNull())
        .addColumn('last_error', 'text')
        .execute();
    });

    afterAll(async () => {
      await store?.close();
    });

    beforeEach(async () => {
      await db.deleteFrom('slot_subjects').execute();
      await db.insertInto('slot_subjects').values({ id: 's1', consecutive_failures: 2, last_error: 'Gtmhub did not answer.' }).execute();
    });

    async function settle(outcome: SlotOutcome): Promise<SlotOutcomeColumns | undefined> {
      // `id` is set as well so that the update has something to set when the outcome adds nothing.
      await db.updateTable('slot_subjects').set((eb) => ({ id: 's1', ...slotOutcomeColumns(eb, outcome) })).where('id', '=', 's1').execute();
      return db.selectFrom('slot_subjects').select(['consecutive_failures', 'last_error']).where('id', '=', 's1').executeTakeFirst();
    }

    it('resets the failure count and the error when the slot is done', async () => {
      expect(await settle({ kind: 'done' })).toEqual({ consecutive_failures: 0, last_error: null });
    });

    it('adds one failure and stores the error when the slot failed', async () => {
      expect(await settle({ kind: 'failed', error: 'Slack refused the digest.' })).toEqual({ consecutive_failures: 3, last_error: 'Slack refused the digest.' });
    });

    it('stores no error when a failed slot has none', async () => {
      expect(await settle({ kind: 'failed', error: null })).toEqual({ consecutive_failures: 3, last_error: null });
    });

    it('leaves the count and the error as they were when the slot was missed', async () => {
      expect(await settle({ kind: 'missed' })).toEqual({ consecutive_failures: 2, last_error: 'Gtmhub did not answer.' });
    });
  });
}
