/**
 * When a person gets a check-in and which week it asks for. Pure: no clock, no I/O.
 *
 * A reminder's slot is a wall time (weekday + `HH:mm`) in the person's own zone (or the reminder's
 * fixed one), so a Monday 09:00 reminder reaches Kolkata and New York each at their own 09:00,
 * across DST; the wall-time rules for DST gaps and overlaps are the digests' (`nextRunAt`). The
 * week is the one of that same zone.
 */
import { nextRunAt } from '../digests/schedule.js';
import { isoWeekOf, previousPeriod } from '../time/periods.js';
import { isUsableZone } from '../time/zones.js';
import type { CheckinPeriodChoice, CheckinReminder } from './types.js';

/** The zone used for a person whose Slack profile has none kpibot can use. */
export const FALLBACK_ZONE = 'UTC';

/** The zone a person's check-in runs in: the reminder's fixed zone, else the person's, else UTC. */
export function zoneForPerson(reminder: Pick<CheckinReminder, 'zone'>, personZone: string | undefined): string {
  if (reminder.zone !== null) return reminder.zone;
  return personZone !== undefined && isUsableZone(personZone) ? personZone : FALLBACK_ZONE;
}

/** The person's first slot strictly after `after`, as a UTC instant. */
export function nextSlotForPerson(reminder: Pick<CheckinReminder, 'weekday' | 'time' | 'zone'>, personZone: string | undefined, after: Date): Date {
  return nextRunAt({ weekday: reminder.weekday, time: reminder.time, zone: zoneForPerson(reminder, personZone) }, after);
}

/** The week (`2026-W49`) a slot asks for, as seen in `zone`. */
export function periodForSlot(slot: Date, zone: string, choice: CheckinPeriodChoice): string {
  const week = isoWeekOf(slot, zone);
  return choice === 'this_week' ? week : previousPeriod(week);
}
