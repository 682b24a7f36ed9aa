/**
 * Errors of the time helpers. Each message is one sentence a user can act on, because these reach
 * Slack when someone types a period or an offset by hand. Both classes belong to the Gtmhub module,
 * which owns the period-label and offset notations they are about; they are re-exported here so
 * that callers of the time helpers catch them from one place.
 */
export { PeriodFormatError } from '../gtmhub/periods.js';
export { TimeZoneFormatError } from '../gtmhub/offsets.js';
