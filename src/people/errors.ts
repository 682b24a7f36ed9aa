/**
 * Errors of the people domain. A source adapter throws `PeopleSourceRefusedError` when the other
 * side says kpibot may not read the list (Gtmhub's 403, Slack's `missing_scope`): that is not an
 * outage to retry every few minutes with a warning each time, but a setting to change, said once.
 */
export class PeopleSourceRefusedError extends Error {
  readonly code = 'people_source_refused' as const;
  constructor(
    /** What to tell the operator: why, and what to change. Never carries an email. */
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(reason, options);
    this.name = 'PeopleSourceRefusedError';
  }
}
