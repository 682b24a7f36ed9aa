/**
 * What each person owes for a period: among a reminder's KPIs, those they own that have no value
 * yet and that they did not put off (*Not this week*). Pure: the caller reads values, owners and
 * per-person state first.
 */

/** One KPI of the reminder, with its Gtmhub owners. */
export interface CheckinKpi {
  id: string;
  ownerIds: readonly string[];
}

/** How a Gtmhub owner is reached: a Slack person, or why not. */
export type Reach = { kind: 'slack'; slackUserId: string } | { kind: 'unreachable'; reason: UnreachableReason };

export type UnreachableReason = 'no_slack_person' | 'deactivated' | 'cannot_dm';

export interface OwedInput {
  kpis: readonly CheckinKpi[];
  /** How each Gtmhub owner id is reached. */
  reachOf(gtmhubUserId: string): Reach;
  /** Whether the KPI has a value for the period. */
  hasValue(kpiId: string): boolean;
  /** Whether this Slack person put this KPI off for the period (*Not this week*). */
  skipped(slackUserId: string, kpiId: string): boolean;
  /** Whether this Slack person turned reminder DMs off (`/kpi remind off`). */
  optedOut(slackUserId: string): boolean;
}

export interface Owed {
  /** Slack user id → the KPI ids they owe, in the reminder's order; nobody with nothing to log. */
  byPerson: Map<string, string[]>;
  /** KPIs still missing whose owners cannot be reached, with the owner and why (for the creator). */
  unreachable: { kpiId: string; gtmhubUserId: string; reason: UnreachableReason }[];
}

export function owedFor(input: OwedInput): Owed {
  const byPerson = new Map<string, string[]>();
  const unreachable: Owed['unreachable'] = [];
  for (const kpi of input.kpis) {
    if (input.hasValue(kpi.id)) continue;
    for (const ownerId of new Set(kpi.ownerIds)) {
      const reach = input.reachOf(ownerId);
      if (reach.kind === 'unreachable') {
        unreachable.push({ kpiId: kpi.id, gtmhubUserId: ownerId, reason: reach.reason });
        continue;
      }
      const person = reach.slackUserId;
      if (input.optedOut(person) || input.skipped(person, kpi.id)) continue;
      const owed = byPerson.get(person) ?? [];
      if (!owed.includes(kpi.id)) owed.push(kpi.id);
      byPerson.set(person, owed);
    }
  }
  return { byPerson, unreachable };
}

/** A DM's KPIs split into done (a value now, or put off) and still missing: the DM says "all done" when none is missing. */
export function progressOf(kpiIds: readonly string[], done: (kpiId: string) => boolean): { done: string[]; missing: string[] } {
  return { done: kpiIds.filter(done), missing: kpiIds.filter((id) => !done(id)) };
}
