/**
 * Weekly check-ins as a kind of scheduled work: the subject is one (reminder, person) pair with
 * its slot in the person's zone, its lane the person (a DM), its claim key the reminder, the person
 * and the period of that zone — so each DM goes out once across restarts and replicas. Nothing is
 * sent to someone with nothing to log (a `skip`).
 */
import type { KindContext } from '../scheduling/context.js';
import type { Attention, Rendered, ScheduledKind, SlotOutcome } from '../scheduling/kind.js';
import { dueCheckinId, type CheckinContent } from './content.js';
import { nextSlotForPerson, periodForSlot } from './due.js';
import { checkinClaimKey } from './keys.js';
import { mergeByPerson } from './merge.js';
import { CHECKIN_KIND, type CheckinReminder, type CheckinSchedule, type DueCheckin } from './types.js';

/** The core's context with the check-in kind plugged in (Send now, the creator's notices). */
export type CheckinContext<M> = KindContext<DueCheckin, CheckinContent, M>;

/** The `skipped` reason of a person with nothing to log. */
export const NOTHING_TO_LOG = 'Nothing to log: every KPI of this person has its value or was put off.';

/** What the kind needs of the reminders store (store/checkin-reminders-repository.ts). */
export interface DueCheckins {
  listDue(at: Date): Promise<DueCheckin[]>;
  get(id: string): Promise<CheckinReminder | undefined>;
  schedulesOf(reminderId: string): Promise<CheckinSchedule[]>;
  advance(reminderId: string, slackUserId: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean>;
}

export interface CheckinKindOptions<M> {
  reminders: DueCheckins;
  content: { build(dues: readonly DueCheckin[], slot: Date): Promise<Map<string, CheckinContent>> };
  /** The DM as messages (slack/views/checkins). */
  render(content: CheckinContent): M;
  attention: Attention;
  /** Remembers the DM posted (its conversation and ts, its KPIs), to update it in place; idempotent. */
  recordDm?: (content: CheckinContent, messageTs: string) => Promise<void>;
  /**
   * Before a claimed (reminder, person) is delivered: derives the reminder's people again (owners
   * change) and tells its creator about owners nobody can reach (`checkins.ts`). Never throws.
   */
  beforeDelivery?(due: DueCheckin, slot: Date, at: Date): Promise<void>;
}

/** The `skipped` reason of a reminder whose KPIs went into another reminder's DM to the same person. */
export function mergedReason(intoReminderId: string): string {
  return `Merged into the DM of reminder ${intoReminderId}, due for the same person at the same time.`;
}

export function checkinKind<M>(options: CheckinKindOptions<M>): ScheduledKind<DueCheckin, CheckinContent, M> {
  const { reminders, recordDm } = options;
  return {
    name: CHECKIN_KIND,
    listDue: (at) => reminders.listDue(at),
    async get(id) {
      const [reminderId, slackUserId] = id.split('/');
      const reminder = reminderId === undefined ? undefined : await reminders.get(reminderId);
      const schedule = reminder ? (await reminders.schedulesOf(reminder.id)).find((s) => s.slackUserId === slackUserId) : undefined;
      return reminder && schedule ? { reminder, schedule } : undefined;
    },
    subjectOf: (d) => ({ id: dueCheckinId(d), lane: d.schedule.slackUserId, workspace: d.reminder.teamId, ownerUserId: d.reminder.createdBy }),
    slotOf: (d) => d.schedule.nextRunAt,
    nextSlot: (d, after) => nextSlotForPerson(d.reminder, d.schedule.zone, after),
    advance: (d, from, to, outcome) => reminders.advance(d.reminder.id, d.schedule.slackUserId, from, to, outcome),
    claimKey: (d, slot) => checkinClaimKey(d.reminder.id, d.schedule.slackUserId, periodForSlot(slot, d.schedule.zone, d.reminder.period)),
    messageKey: (d, slot) => ({
      eventType: 'kpibot_checkin',
      fields: { reminder: d.reminder.id, person: d.schedule.slackUserId, period: periodForSlot(slot, d.schedule.zone, d.reminder.period) },
    }),
    build: async (dues, slot) => mergeByPerson(await options.content.build(dues, slot)),
    render(content): Rendered<M> {
      if (content.mergedInto !== undefined) return { kind: 'skip', reason: mergedReason(content.mergedInto) };
      return content.owed.length === 0 ? { kind: 'skip', reason: NOTHING_TO_LOG } : { kind: 'post', messages: [options.render(content)] };
    },
    async gate(d, slot, at) {
      await options.beforeDelivery?.(d, slot, at);
      return { kind: 'go' };
    },
    // A DM kpibot may not send concerns one person, never the reminder: the claim is settled
    // `failed` and the creator told (attention.ownerNotice); the others keep getting theirs.
    pause: async () => {},
    attention: options.attention,
    ...(recordDm ? { recordSent: (_due: DueCheckin, _slot: Date, content: CheckinContent, messageTs: string) => recordDm(content, messageTs) } : {}),
    describe: (d, content) =>
      `── check-in ${d.reminder.id} → ${d.schedule.slackUserId} (${content.period}): ${content.owed.length === 0 ? 'nothing to log' : content.owed.map((o) => o.kpi.name).join(', ')}`,
  };
}
