/**
 * Snoozed check-ins as a kind of scheduled work: the subject is one check-in DM whose snooze has
 * come (`snooze_until`), its lane the person, its claim key the DM's and the snooze's time — so
 * the re-send goes out once across restarts and replicas, and a later snooze is a new one. The
 * re-send lists what is still missing then (nothing is sent when nothing is), and becomes the DM
 * that updates itself from then on.
 */
import type { SnapshotSource } from '../kpis/recent-values.js';
import type { CatalogueView } from '../kpis/catalogue.js';
import type { Attention, Rendered, ScheduledKind } from '../scheduling/kind.js';
import { FALLBACK_ZONE } from './due.js';
import { snoozeClaimKey } from './keys.js';
import { remindersOf } from './reminders-of.js';
import { missingItems, readCheckinProgress, type CheckinProgress } from './progress.js';
import type { CheckinDm, CheckinReminder, CheckinSchedule } from './types.js';

export const CHECKIN_SNOOZE_KIND = 'checkin_snooze';

/** The `skipped` reason of a snooze that comes when nothing is missing any more (or the person stopped the reminders). */
export const NOTHING_LEFT = 'Nothing left to send: every KPI of the snoozed check-in has its value or was put off, or the person stopped these reminders.';

export interface SnoozedDms {
  listSnoozedDue(at: Date): Promise<CheckinDm[]>;
  dmOf(reminderId: string, slackUserId: string, period: string): Promise<CheckinDm | undefined>;
  clearSnooze(reminderId: string, slackUserId: string, period: string, until: Date): Promise<boolean>;
  recordDm(dm: Omit<CheckinDm, 'snoozeUntil'>): Promise<void>;
  skippedBy(teamId: string, slackUserId: string, period: string): Promise<Set<string>>;
  /** *Stop reminders from #channel* on this reminder. */
  stopped(reminderId: string, slackUserId: string): Promise<boolean>;
  /** Who turned every reminder DM off (`/kpi remind off`). */
  optedOut(teamId: string): Promise<Set<string>>;
}

/** What a snooze re-sends: the DM it came from and where it stands now (only the missing KPIs shown). */
export interface SnoozeContent {
  dm: CheckinDm;
  progress: CheckinProgress;
}

export interface SnoozeKindOptions<M> {
  dms: SnoozedDms;
  checkinReminders: { get(id: string): Promise<CheckinReminder | undefined>; schedulesOf(reminderId: string): Promise<CheckinSchedule[]> };
  snapshots: SnapshotSource;
  catalogue(): Promise<CatalogueView>;
  render(progress: CheckinProgress): M;
  attention: Attention;
  now: () => number;
}

/** A snooze happens once: after its slot the subject has none (its `snooze_until` is cleared). */
const NEVER_AGAIN_MS = 7 * 24 * 3_600_000;

export function snoozeId(dm: Pick<CheckinDm, 'reminderId' | 'slackUserId' | 'period'>): string {
  return `${dm.reminderId}/${dm.slackUserId}/${dm.period}`;
}

export function checkinSnoozeKind<M>(options: SnoozeKindOptions<M>): ScheduledKind<CheckinDm, SnoozeContent, M> {
  const { dms } = options;
  const slotOf = (dm: CheckinDm): Date => dm.snoozeUntil ?? new Date(0);
  return {
    name: CHECKIN_SNOOZE_KIND,
    listDue: (at) => dms.listSnoozedDue(at),
    async get(id) {
      const [reminderId, slackUserId, period] = id.split('/');
      return reminderId && slackUserId && period ? dms.dmOf(reminderId, slackUserId, period) : undefined;
    },
    subjectOf: (dm) => ({ id: snoozeId(dm), lane: dm.slackUserId, workspace: dm.teamId, ownerUserId: dm.slackUserId }),
    slotOf,
    nextSlot: (_dm, after) => new Date(after.getTime() + NEVER_AGAIN_MS),
    advance: (dm, from) => dms.clearSnooze(dm.reminderId, dm.slackUserId, dm.period, from),
    claimKey: (dm, slot) => snoozeClaimKey(dm.reminderId, dm.slackUserId, dm.period, slot),
    messageKey: (dm, slot) => ({ eventType: 'kpibot_checkin', fields: { reminder: dm.reminderId, person: dm.slackUserId, period: dm.period, snooze: slot.toISOString() } }),
    async build(subjects) {
      const catalogue = await options.catalogue();
      const contents = new Map<string, SnoozeContent>();
      for (const dm of subjects) {
        const reminder = await options.checkinReminders.get(dm.reminderId);
        if (!reminder) continue;
        const schedule = (await options.checkinReminders.schedulesOf(reminder.id)).find((s) => s.slackUserId === dm.slackUserId);
        const [skipped, stopped, optedOut] = await Promise.all([dms.skippedBy(dm.teamId, dm.slackUserId, dm.period), dms.stopped(dm.reminderId, dm.slackUserId), dms.optedOut(dm.teamId)]);
        // Stopped or turned off since the snooze: nothing comes again.
        if (stopped || optedOut.has(dm.slackUserId)) {
          contents.set(snoozeId(dm), { dm, progress: { reminder, slackUserId: dm.slackUserId, period: dm.period, items: [] } });
          continue;
        }
        const progress = await readCheckinProgress(
          { snapshots: options.snapshots, catalogue },
          { reminder, alsoFrom: await remindersOf(options.checkinReminders, dm.mergedFrom ?? []), slackUserId: dm.slackUserId, period: dm.period, kpiIds: dm.kpiIds, zone: schedule?.zone ?? FALLBACK_ZONE, skipped, now: options.now() },
        );
        // The re-send lists only what is still missing.
        contents.set(snoozeId(dm), { dm, progress: { ...progress, items: missingItems(progress) } });
      }
      return contents;
    },
    render: (content): Rendered<M> =>
      content.progress.items.length === 0 ? { kind: 'skip', reason: NOTHING_LEFT } : { kind: 'post', messages: [options.render(content.progress)] },
    recordSent: (_dm, _slot, content, messageTs) =>
      dms.recordDm({ ...content.dm, messageTs, kpiIds: content.progress.items.map((i) => i.kpi.id) }),
    // A DM kpibot may not send concerns one person: the claim is settled `failed`; nothing to pause.
    pause: async () => {},
    attention: options.attention,
    describe: (dm, content) => `── snoozed check-in ${dm.reminderId} → ${dm.slackUserId} (${dm.period}): ${content.progress.items.map((i) => i.kpi.name).join(', ') || 'nothing left'}`,
  };
}
