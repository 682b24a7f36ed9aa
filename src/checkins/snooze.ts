/**
 * When a snoozed check-in comes again: in an hour, or tomorrow at 09:00 in the person's zone
 * (luxon's wall-time rules across DST). Pure.
 */
import { DateTime } from 'luxon';

export type SnoozeChoice = 'hour' | 'morning';

/** The hour "tomorrow morning" means, in the person's zone. */
export const MORNING_HOUR = 9;

export function snoozeUntil(choice: SnoozeChoice, now: number, zone: string): Date {
  if (choice === 'hour') return new Date(now + 3_600_000);
  return DateTime.fromMillis(now, { zone }).plus({ days: 1 }).set({ hour: MORNING_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
