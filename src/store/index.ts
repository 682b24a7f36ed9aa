/** The store's public face: open a database, then hand `store.db` to the repositories. */
export { openStore, type OpenStoreOptions, type Store, type Dialect } from './database.js';
export { resolveStoreLocation, DEFAULT_SQLITE_PATH, type StoreLocation } from './location.js';
export { SubmissionsRepository, type SubmissionsRepositoryOptions } from './submissions-repository.js';
export {
  DigestSubscriptionsRepository,
  type DigestSubscriptionsRepositoryOptions,
  type NewDigestSubscription,
  type DigestSubscriptionChanges,
} from './digest-subscriptions-repository.js';
export { ScheduledDeliveriesRepository } from './scheduled-deliveries-repository.js';
export { DigestSubscriptionNotFoundError } from './digest-errors.js';
export type * from './submission.js';
export type { Database } from './schema.js';
export * from './errors.js';
