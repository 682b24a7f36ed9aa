/**
 * What the check-ins due at one slot say, built with the fewest Gtmhub reads: the (reminder,
 * person) pairs due then are grouped by (UTC offset, period) of each person's zone, and each group
 * is one batched snapshot read for all the KPIs of all its reminders. A person's content is what
 * they owe (`owed.ts`), with the current and previous values as hints for the Check in form.
 */
import type { Kpi } from '../gtmhub/types.js';
import { shiftPeriod } from '../gtmhub/periods.js';
import type { CatalogueView } from '../kpis/catalogue.js';
import { ownerIdsOfKpi } from '../kpis/kpi-owners.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import { gtmhubOffset } from '../time/zones.js';
import { periodForSlot } from './due.js';
import { owedFor, type Reach } from './owed.js';
import { kpisOfReminder } from './reminder-kpis.js';
import { readWeekValues } from './progress.js';
import type { CheckinReminder, DueCheckin } from './types.js';

/** One KPI a person owes, with the value of the week before as a hint. */
export interface OwedKpi {
  kpi: Kpi;
  previous: number | undefined;
}

/** One person's check-in for one slot: what they owe, or nothing (nothing is sent). */
export interface CheckinContent {
  reminder: CheckinReminder;
  slackUserId: string;
  period: string;
  owed: OwedKpi[];
  /** Other reminders due for this person at the same slot whose KPIs this DM lists too (`merge.ts`). */
  mergedFrom?: CheckinReminder[];
  /** Set on a reminder whose KPIs went into another reminder's DM: the id of that reminder. */
  mergedInto?: string;
}

export interface CheckinContentOptions {
  snapshots: SnapshotSource;
  /** The KPIs as they are now (the catalogue's view). */
  catalogue(): Promise<CatalogueView>;
  /** The KPI ids a reminder covers beyond chosen KPIs and groups: those of the channel's digests. */
  channelDigestKpis(teamId: string, channelId: string, view: CatalogueView): Promise<readonly string[]>;
  /** How each Gtmhub owner is reached in a workspace. */
  reachOf(teamId: string): Promise<(gtmhubUserId: string) => Reach>;
  /** What the person put off for the period, and whether they turned reminders off (all, or this reminder's). */
  personState(teamId: string, slackUserId: string, period: string, reminderId: string): Promise<{ skipped: ReadonlySet<string>; optedOut: boolean }>;
}

/** The content key of a due pair (the engine's subject id). */
export function dueCheckinId(due: DueCheckin): string {
  return `${due.reminder.id}/${due.schedule.slackUserId}`;
}

interface ReadGroup {
  offset: string;
  period: string;
  ids: Set<string>;
  members: { due: DueCheckin; kpis: Kpi[] }[];
}

export class CheckinContentSource {
  constructor(private readonly options: CheckinContentOptions) {}

  async build(dues: readonly DueCheckin[], slot: Date): Promise<Map<string, CheckinContent>> {
    if (dues.length === 0) return new Map();
    const view = await this.options.catalogue();
    const groups = new Map<string, ReadGroup>();
    for (const due of dues) {
      const kpis = await this.kpisOf(due.reminder, view);
      const period = periodForSlot(slot, due.schedule.zone, due.reminder.period);
      const offset = gtmhubOffset(due.schedule.zone, slot);
      const key = `${offset}|${period}`;
      const group = groups.get(key) ?? { offset, period, ids: new Set<string>(), members: [] };
      groups.set(key, group);
      for (const kpi of kpis) group.ids.add(kpi.id);
      group.members.push({ due, kpis });
    }
    const contents = new Map<string, CheckinContent>();
    for (const group of groups.values()) {
      const values = await this.readValues(group);
      for (const member of group.members) contents.set(dueCheckinId(member.due), await this.contentOf(member.due, member.kpis, group.period, values));
    }
    return contents;
  }

  private async kpisOf(reminder: CheckinReminder, view: CatalogueView): Promise<Kpi[]> {
    const reachOf = await this.options.reachOf(reminder.teamId);
    return kpisOfReminder(reminder, view, { channelDigestKpis: (teamId, channelId, v) => this.options.channelDigestKpis(teamId, channelId, v), reachOf });
  }

  /** Period label → value per KPI, for the period and the one before: one batched read. */
  private readValues(group: ReadGroup): Promise<Map<string, Map<string, number>>> {
    return readWeekValues(this.options.snapshots, [...group.ids], group.offset, group.period);
  }

  private async contentOf(due: DueCheckin, kpis: Kpi[], period: string, values: Map<string, Map<string, number>>): Promise<CheckinContent> {
    const { reminder, schedule } = due;
    const person = schedule.slackUserId;
    const [reachOf, state] = await Promise.all([this.options.reachOf(reminder.teamId), this.options.personState(reminder.teamId, person, period, reminder.id)]);
    // A personal check-in covers the KPIs its person owns; a channel's, whoever is scheduled.
    const owed = owedFor({
      kpis: kpis.map((kpi) => ({ id: kpi.id, ownerIds: ownerIdsOfKpi(kpi) })),
      reachOf,
      hasValue: (id) => values.get(id)?.has(period) ?? false,
      skipped: (_person, id) => state.skipped.has(id),
      optedOut: () => state.optedOut,
    });
    const mine = new Set(owed.byPerson.get(person) ?? []);
    const previous = shiftPeriod(period, -1);
    return { reminder, slackUserId: person, period, owed: kpis.filter((k) => mine.has(k.id)).map((kpi) => ({ kpi, previous: values.get(kpi.id)?.get(previous) })) };
  }
}
