/**
 * Who a reminder reaches: its KPIs' owners as Slack people, each scheduled at the reminder's wall
 * time in their own Slack zone (or the reminder's fixed one). Derived again on save and at each run,
 * because owners change (a KPI changes hands, someone joins Slack or moves to another zone): a new
 * owner is scheduled, one who no longer owns any of the KPIs is taken off, a moved one rescheduled.
 *
 * Owners nobody can reach (no Slack person, deactivated) are returned with their KPIs, for the
 * creator. Nobody is taken off while the people directory is incomplete (still loading, or Slack's
 * member list is off): a directory not read yet must not look like "nobody owns anything".
 */
import type { Kpi } from '../gtmhub/types.js';
import type { CatalogueView } from '../kpis/catalogue.js';
import { ownerIdsOfKpi } from '../kpis/kpi-owners.js';
import { nextSlotForPerson, zoneForPerson } from './due.js';
import type { Reach, UnreachableReason } from './owed.js';
import { kpisOfReminder } from './reminder-kpis.js';
import type { CheckinReminder, CheckinSchedule } from './types.js';

/** What the roster needs of the people directory, for one workspace. */
export interface RosterPeople {
  reachOf(gtmhubUserId: string): Reach;
  /** The member's Slack zone (`tz`), undefined when unknown. */
  zoneOf(slackUserId: string): string | undefined;
  /** How to name a Gtmhub user to the creator (their Gtmhub name, else their id). */
  nameOf(gtmhubUserId: string): string;
  /** Both directories are read: only then may a person be taken off a reminder. */
  complete: boolean;
}

/** The schedules store (store/checkin-reminders-repository.ts fits). */
export interface ScheduleStore {
  schedulesOf(reminderId: string): Promise<CheckinSchedule[]>;
  schedule(input: CheckinSchedule): Promise<void>;
  unschedule(reminderId: string, slackUserId: string): Promise<void>;
}

export interface RosterOptions {
  catalogue(): Promise<CatalogueView>;
  channelDigestKpis(teamId: string, channelId: string, view: CatalogueView): Promise<readonly string[]>;
  people(teamId: string): Promise<RosterPeople>;
  schedules: ScheduleStore;
}

/** An owner nobody can reach, with the reminder's KPIs they own. */
export interface UnreachableOwner {
  gtmhubUserId: string;
  name: string;
  reason: UnreachableReason;
  kpis: Kpi[];
}

export interface Roster {
  /** The Slack people scheduled, in id order. */
  people: string[];
  unreachable: UnreachableOwner[];
  /** How many KPIs the reminder covers now. */
  kpiCount: number;
}

export class CheckinRosters {
  constructor(private readonly options: RosterOptions) {}

  /**
   * Derives the reminder's people and writes their schedules. A new or moved person's slot is the
   * first after `from`; `reschedule` (an edit of the weekday, time or zone, a resume) moves everyone.
   */
  async sync(reminder: CheckinReminder, options: { from: Date; reschedule?: boolean }): Promise<Roster> {
    const { schedules } = this.options;
    const [view, people] = await Promise.all([this.options.catalogue(), this.options.people(reminder.teamId)]);
    const kpis = await kpisOfReminder(reminder, view, { channelDigestKpis: (teamId, channelId, v) => this.options.channelDigestKpis(teamId, channelId, v), reachOf: (id) => people.reachOf(id) });
    const { wanted, unreachable } = reminder.personalFor !== null ? { wanted: new Set([reminder.personalFor]), unreachable: [] } : ownersOf(kpis, people);
    const existing = new Map((await schedules.schedulesOf(reminder.id)).map((s) => [s.slackUserId, s] as const));
    for (const slackUserId of wanted) {
      const personZone = people.zoneOf(slackUserId);
      const zone = zoneForPerson(reminder, personZone);
      const before = existing.get(slackUserId);
      if (before && before.zone === zone && !options.reschedule) continue;
      await schedules.schedule({ reminderId: reminder.id, slackUserId, zone, nextRunAt: nextSlotForPerson(reminder, personZone, options.from) });
    }
    if (people.complete) {
      for (const slackUserId of existing.keys()) if (!wanted.has(slackUserId)) await schedules.unschedule(reminder.id, slackUserId);
    }
    return { people: [...wanted].sort(), unreachable, kpiCount: kpis.length };
  }
}

function ownersOf(kpis: readonly Kpi[], people: RosterPeople): { wanted: Set<string>; unreachable: UnreachableOwner[] } {
  const wanted = new Set<string>();
  const unreachable = new Map<string, UnreachableOwner>();
  for (const kpi of kpis) {
    for (const ownerId of new Set(ownerIdsOfKpi(kpi))) {
      const reach = people.reachOf(ownerId);
      if (reach.kind === 'slack') {
        wanted.add(reach.slackUserId);
        continue;
      }
      const owner = unreachable.get(ownerId) ?? { gtmhubUserId: ownerId, name: people.nameOf(ownerId), reason: reach.reason, kpis: [] };
      owner.kpis.push(kpi);
      unreachable.set(ownerId, owner);
    }
  }
  return { wanted, unreachable: [...unreachable.values()] };
}
