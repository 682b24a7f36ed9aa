/**
 * Errors of the time helpers. Each message is one sentence a user can act on, because these reach
 * Slack when someone types a period or an offset by hand.
 */

/** A period label (`2026-W48`, `2026-11`, …) that is malformed or names a period that does not exist. */
export class PeriodFormatError extends Error {
  readonly code = 'period_format' as const;
  constructor(
    readonly label: string,
    message: string,
  ) {
    super(message);
    this.name = 'PeriodFormatError';
  }
}

/** A Gtmhub offset (`UTC+5:30`) or a zone name that cannot be used. */
export class TimeZoneFormatError extends Error {
  readonly code = 'time_zone_format' as const;
  constructor(
    readonly text: string,
    message: string,
  ) {
    super(message);
    this.name = 'TimeZoneFormatError';
  }
}
