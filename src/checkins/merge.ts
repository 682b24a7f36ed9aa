/**
 * One DM per person and slot, however many reminders are due for them then (a channel's reminder
 * and their own `/kpi remind me` at the same Monday 09:00): the contents of one slot's build are
 * grouped by (workspace, person, period), and the first reminder of each group (personal first,
 * then by id, so every engine picks the same one) carries the union of their KPIs. The others
 * keep their own claim, settled as a skip that names the DM they went into: each (reminder,
 * person, period) is still decided exactly once.
 *
 * Merging happens within one engine's build: two replicas that each claimed one of the reminders
 * at the same instant would send two DMs (each still once), which the claims cannot rule out
 * without one claim for the whole group.
 */
import type { CheckinContent, OwedKpi } from './content.js';

export function mergeByPerson(contents: ReadonlyMap<string, CheckinContent>): Map<string, CheckinContent> {
  const groups = new Map<string, [string, CheckinContent][]>();
  for (const entry of contents) {
    const [, content] = entry;
    if (content.owed.length === 0) continue;
    const key = `${content.reminder.teamId}|${content.slackUserId}|${content.period}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const merged = new Map(contents);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [[leadId, lead], ...rest] = [...group].sort(([, a], [, b]) => leadOrder(a) - leadOrder(b) || a.reminder.id.localeCompare(b.reminder.id)) as [[string, CheckinContent], ...[string, CheckinContent][]];
    const owed: OwedKpi[] = [...lead.owed];
    const seen = new Set(owed.map((o) => o.kpi.id));
    for (const item of rest.flatMap(([, other]) => other.owed)) {
      if (seen.has(item.kpi.id)) continue;
      seen.add(item.kpi.id);
      owed.push(item);
    }
    merged.set(leadId, { ...lead, owed, mergedFrom: rest.map(([, other]) => other.reminder) });
    for (const [id, other] of rest) merged.set(id, { ...other, mergedInto: lead.reminder.id });
  }
  return merged;
}

/** A person's own check-in leads: the DM then says it is theirs, with the channels' KPIs added. */
function leadOrder(content: CheckinContent): number {
  return content.reminder.personalFor === null ? 1 : 0;
}
