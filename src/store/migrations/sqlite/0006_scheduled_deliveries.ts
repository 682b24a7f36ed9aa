/**
 * One claims table for every kind of scheduled work, SQLite flavour: `scheduled_deliveries`, keyed
 * by (kind, claim_key), replaces `digest_deliveries`. Every digest delivery row moves over as it
 * is (kind `digest`, claim key `<subscription id>/<ISO week>/<trigger>`, the channel as its lane),
 * so a claim in flight during the upgrade is still recognised. Frozen in time: `Kysely<any>`.
 *
 * The new table has no foreign key to the subscriptions (a kind's subjects live in its own table):
 * removing a subscription removes its claims in the same transaction instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduled_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('claim_key', 'text', (col) => col.notNull())
    .addColumn('lane', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('message_ref', 'text')
    .addColumn('parts_posted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('needs_lookup_since', 'text')
    .addColumn('next_attempt_at', 'text')
    // The claim: whoever inserts this row first delivers that piece of work.
    .addUniqueConstraint('scheduled_deliveries_claim_key', ['kind', 'claim_key'])
    .execute();
  await db.schema.createIndex('scheduled_deliveries_subject_idx').on('scheduled_deliveries').columns(['kind', 'subject_id']).execute();
  await db.schema.createIndex('scheduled_deliveries_status_claimed_idx').on('scheduled_deliveries').columns(['status', 'claimed_at']).execute();

  await sql`
    insert into scheduled_deliveries (id, kind, subject_id, claim_key, lane, status, claimed_at, claimed_by, attempts,
      last_error, message_ref, parts_posted, sent_at, needs_lookup_since, next_attempt_at)
    select id, 'digest', subscription_id, subscription_id || '/' || period || '/' || "trigger", channel_id, status, claimed_at,
      claimed_by, attempts, last_error, message_ts, parts_posted, sent_at, needs_lookup_since, next_attempt_at
    from digest_deliveries`.execute(db);
  await db.schema.dropTable('digest_deliveries').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('subscription_id', 'text', (col) => col.notNull().references('digest_subscriptions.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('parts_posted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('needs_lookup_since', 'text')
    .addColumn('next_attempt_at', 'text')
    .addUniqueConstraint('digest_deliveries_claim_key', ['subscription_id', 'period', 'trigger'])
    .execute();
  await db.schema.createIndex('digest_deliveries_status_claimed_idx').on('digest_deliveries').columns(['status', 'claimed_at']).execute();
  // The claim key's middle is the ISO week (`2026-W48`, 8 characters) right after `<subject id>/`.
  await sql`
    insert into digest_deliveries (id, subscription_id, period, "trigger", channel_id, status, claimed_at, claimed_by, attempts,
      last_error, message_ts, parts_posted, sent_at, needs_lookup_since, next_attempt_at)
    select id, subject_id, substr(claim_key, length(subject_id) + 2, 8),
      case when claim_key like '%/manual' then 'manual' else 'schedule' end, lane, status, claimed_at, claimed_by, attempts,
      last_error, message_ref, parts_posted, sent_at, needs_lookup_since, next_attempt_at
    from scheduled_deliveries where kind = 'digest'`.execute(db);
  await db.schema.dropTable('scheduled_deliveries').execute();
}
