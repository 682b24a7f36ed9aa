/** Errors of the digest tables. Messages name the id only: they may reach a log line, never a secret. */

/** The subscription does not exist (any more): removed from another message, or never created. */
export class DigestSubscriptionNotFoundError extends Error {
  readonly code = 'digest_subscription_not_found' as const;
  constructor(readonly subscriptionId: string) {
    super(`No digest subscription has the id ${subscriptionId}; it may have been removed.`);
    this.name = 'DigestSubscriptionNotFoundError';
  }
}
