/**
 * Migration 0006 on both dialects: digest delivery rows written before it (0005's
 * `digest_deliveries`) move to `scheduled_deliveries` without loss, under the claim key the digest
 * uses now, so a week sent before the upgrade is not sent again after it.
 */
import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { digestClaimKey } from '../../src/digests/keys.js';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { migrations as postgresMigrations } from '../../src/store/migrations/postgres/index.js';
import { migrations as sqliteMigrations } from '../../src/store/migrations/sqlite/index.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';

const SUBSCRIPTION = {
  id: 'sub-1',
  team_id: 'T1',
  channel_id: 'C0KPIS',
  owner_user_id: 'U1',
  selection: '{"kind":"favorites"}',
  weekday: 1,
  time: '09:00',
  zone: 'Europe/Berlin',
  skip_when_unchanged: 0,
  list_not_updated: 0,
  status: 'active',
  paused_reason: null,
  next_run_at: '2026-12-07T08:00:00.000Z',
  consecutive_failures: 0,
  last_error: null,
  created_at: '2026-11-01T08:00:00.000Z',
  updated_at: '2026-11-01T08:00:00.000Z',
};

/** Three deliveries as 0005 stored them: sent on schedule, a Send now left mid-recovery, a retry in backoff. */
const DELIVERIES = [
  { id: 'd-1', period: '2026-W48', trigger: 'schedule', status: 'sent', attempts: 0, last_error: null, message_ts: '1764489600.000100', parts_posted: 2, sent_at: '2026-11-30T08:00:05.000Z', needs_lookup_since: null, next_attempt_at: null },
  { id: 'd-2', period: '2026-W48', trigger: 'manual', status: 'sending', attempts: 1, last_error: 'Slack did not answer.', message_ts: null, parts_posted: 0, sent_at: null, needs_lookup_since: '2026-11-30T09:00:00.000Z', next_attempt_at: null },
  { id: 'd-3', period: '2026-W47', trigger: 'schedule', status: 'retrying', attempts: 3, last_error: 'Gtmhub had a server error.', message_ts: null, parts_posted: 0, sent_at: null, needs_lookup_since: null, next_attempt_at: '2026-11-23T09:21:00.000Z' },
].map((d) => ({ ...d, subscription_id: SUBSCRIPTION.id, channel_id: 'C0KPIS', claimed_at: '2026-11-30T08:00:00.000Z', claimed_by: 'host:1:abcd' }));

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`migration 0006_scheduled_deliveries ${target.name}`, () => {
    let place: StorePlace | undefined;
    afterEach(async () => {
      await place?.remove();
      place = undefined;
    });

    it('moves every digest delivery to scheduled_deliveries unchanged, keyed by kind and claim key, and drops the old table', async () => {
      place = await freshStorePlace(target.dialect);
      const before = await place.open({ migrate: false });
      try {
        // Kysely<any>: the schema as 0005 left it, which the application's types no longer describe.
        const db = before.db as unknown as Kysely<any>;
        const migrator = new Migrator({
          db,
          provider: { getMigrations: async () => (target.dialect === 'sqlite' ? sqliteMigrations : postgresMigrations) },
          ...(place.schema !== undefined ? { migrationTableSchema: place.schema } : {}),
        });
        expect((await migrator.migrateTo('0005_digest_retries')).error).toBeUndefined();
        await db.insertInto('digest_subscriptions').values(SUBSCRIPTION).execute();
        await db.insertInto('digest_deliveries').values(DELIVERIES).execute();
      } finally {
        await before.close();
      }

      const after = await place.open();
      try {
        const rows = await after.db.selectFrom('scheduled_deliveries').selectAll().orderBy('id').execute();
        expect(rows).toEqual(
          DELIVERIES.map((d) => ({
            id: d.id,
            kind: 'digest',
            subject_id: d.subscription_id,
            claim_key: digestClaimKey(d.subscription_id, d.period, d.trigger === 'manual' ? 'manual' : 'schedule'),
            lane: d.channel_id,
            status: d.status,
            claimed_at: d.claimed_at,
            claimed_by: d.claimed_by,
            attempts: d.attempts,
            last_error: d.last_error,
            message_ref: d.message_ts,
            parts_posted: d.parts_posted,
            sent_at: d.sent_at,
            needs_lookup_since: d.needs_lookup_since,
            next_attempt_at: d.next_attempt_at,
          })),
        );
        const tables = (await after.db.introspection.getTables()).map((t) => t.name);
        expect(tables).toContain('scheduled_deliveries');
        expect(tables).not.toContain('digest_deliveries');

        // The week sent before the upgrade is settled for the digest's claim after it: no second post.
        const claims = new ScheduledDeliveriesRepository(after.db);
        const claim = await claims.claim({
          kind: 'digest',
          subjectId: 'sub-1',
          claimKey: digestClaimKey('sub-1', '2026-W48', 'schedule'),
          lane: 'C0KPIS',
          instanceId: 'new-host:2:beef',
          at: new Date('2026-11-30T10:00:00.000Z'),
          leaseMs: CLAIM_LEASE_MS,
        });
        expect(claim).toMatchObject({ kind: 'settled', claim: { id: 'd-1', messageRef: '1764489600.000100', partsPosted: 2 } });
      } finally {
        await after.close();
      }
    });
  });
}
