/**
 * The heartbeat's due query, as the benchmark calls it: one function, so that when the scheduling
 * core takes the query over from the digest store, only this file is re-pointed.
 */
import type { Kysely } from 'kysely';
import { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';
import type { Database } from '../store/schema.js';

/** What is due at `at`: the rows the heartbeat would work on (their count is what the benchmark checks). */
export async function dueWork(db: Kysely<Database>, at: Date): Promise<readonly unknown[]> {
  return new DigestSubscriptionsRepository(db).listDue(at);
}
