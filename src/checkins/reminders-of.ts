import type { CheckinReminder } from './types.js';

/** The reminders with these ids that still exist, in that order (a merged DM's others; one removed since is left out). */
export async function remindersOf(reminders: { get(id: string): Promise<CheckinReminder | undefined> }, ids: readonly string[]): Promise<CheckinReminder[]> {
  const found = await Promise.all(ids.map((id) => reminders.get(id)));
  return found.filter((r): r is CheckinReminder => r !== undefined);
}
