/**
 * The check-ins' claim keys: one DM per (reminder or personal setting, person, period), and one
 * snoozed re-send per snooze. The same key from every engine makes each go out once.
 */

/** The scheduled DM of `source` (a reminder id, or `personal`) to `slackUserId` for `period`. */
export function checkinClaimKey(source: string, slackUserId: string, period: string): string {
  return `${source}/${slackUserId}/${period}`;
}

/** The one re-send of a snooze until `until`. */
export function snoozeClaimKey(source: string, slackUserId: string, period: string, until: Date): string {
  return `${checkinClaimKey(source, slackUserId, period)}/snooze/${until.toISOString()}`;
}
