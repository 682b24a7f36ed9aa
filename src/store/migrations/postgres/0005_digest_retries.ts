/**
 * Digest deliveries remember two more things, PostgreSQL flavour. Frozen in time: `Kysely<any>`.
 * - `needs_lookup_since`: set when a dead claim is taken over; whether its digest reached Slack is
 *   unknown until the channel was searched from this instant (the dead claimant's last renewal).
 *   Cleared only once that search succeeded, so a recovery that fails before it (Gtmhub down, a
 *   rate limit) still searches on the next try instead of posting again.
 * - `next_attempt_at`: a `retrying` delivery is not tried again before this instant (backoff).
 *
 * Instants are ISO text with `collate "C"` so that their order is chronological (see `instant.ts`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const byteOrder = sql`collate "C"`;
  await db.schema
    .alterTable('digest_deliveries')
    .addColumn('needs_lookup_since', 'text', (col) => col.modifyFront(byteOrder))
    .addColumn('next_attempt_at', 'text', (col) => col.modifyFront(byteOrder))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest_deliveries').dropColumn('next_attempt_at').dropColumn('needs_lookup_since').execute();
}
