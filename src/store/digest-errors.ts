/** Errors of the digest tables. Messages name the id only: they may reach a log line, never a secret. */

/** The subscription does not exist (any more): removed from another message, or never created. */
export class DigestSubscriptionNotFoundError extends Error {
  readonly code = 'digest_subscription_not_found' as const;
  constructor(readonly subscriptionId: string) {
    super(`No digest subscription has the id ${subscriptionId}; it may have been removed.`);
    this.name = 'DigestSubscriptionNotFoundError';
  }
}

/** A stored row holds what kpibot cannot read back (edited by hand, or written by a newer kpibot). */
export class DigestRowUnreadableError extends Error {
  readonly code = 'digest_row_unreadable' as const;
  constructor(
    readonly subscriptionId: string,
    readonly column: string,
  ) {
    super(`The digest subscription ${subscriptionId} has a ${column} kpibot cannot read; fix or remove the row.`);
    this.name = 'DigestRowUnreadableError';
  }
}
