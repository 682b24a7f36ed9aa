/**
 * The check-ins on the scheduling core: registers the kind with an engine, keeps each reminder's
 * people current at each of its runs, tells its creator (once per reminder and week, by a claim)
 * about owners nobody can reach, and offers Send now.
 */
import type { Logger } from '../log.js';
import { claimWork } from '../scheduling/context.js';
import { deliverClaimed } from '../scheduling/deliver.js';
import type { SchedulingEngine } from '../scheduling/engine.js';
import { periodForSlot } from './due.js';
import { checkinKind, type CheckinContext, type CheckinKindOptions, type DueCheckins } from './kind.js';
import type { CheckinRosters, ScheduleStore, UnreachableOwner } from './roster.js';
import { sendCheckinNow, type CheckinSendNowResult } from './send-now.js';
import type { CheckinReminder, DueCheckin } from './types.js';


export interface CheckinsOptions<M> extends Omit<CheckinKindOptions<M>, 'reminders' | 'beforeDelivery'> {
  reminders: DueCheckins & ScheduleStore;
  rosters: CheckinRosters;
  /** The creator's DM naming the owners nobody can reach, with their KPIs. */
  renderUnreachable(reminder: CheckinReminder, owners: readonly UnreachableOwner[], period: string): M;
  logger: Logger;
}

export interface Checkins {
  /** Sends the reminder's DMs now, each person's at most once for their current period. */
  sendNow(reminderId: string): Promise<CheckinSendNowResult>;
}

/** Rosters derived in this engine's recent runs, by reminder and slot: one derivation per run of a reminder. */
const MAX_REMEMBERED_RUNS = 1000;

export function registerCheckins<M>(engine: SchedulingEngine<M>, options: CheckinsOptions<M>): Checkins {
  const { rosters, logger } = options;
  const refreshed = new Map<string, Promise<void>>();
  // `let`, not `const`: the kind's callbacks read it once registered, and a const would throw in
  // its temporal dead zone instead of saying what went wrong (as registerDigests does).
  // eslint-disable-next-line prefer-const -- see above
  let ctx: CheckinContext<M> | undefined;
  const context = (): CheckinContext<M> => {
    if (!ctx) throw new Error('The check-in kind ran before it was registered.');
    return ctx;
  };
  // A new owner's slot counts from just before this one: one in the same zone is due at once.
  const refresh = async (reminder: CheckinReminder, slot: Date, at: Date): Promise<void> => {
    try {
      const roster = await rosters.sync(reminder, { from: new Date(slot.getTime() - 1) });
      await tellCreator(context(), options, reminder, roster.unreachable, at);
    } catch (error) {
      logger.warn('could not derive the people of a check-in reminder again; its current schedules stay', { reminderId: reminder.id, error });
    }
  };
  ctx = engine.register(
    checkinKind({
      ...options,
      beforeDelivery(due, slot, at) {
        const key = `${due.reminder.id}@${slot.toISOString()}`;
        if (refreshed.size > MAX_REMEMBERED_RUNS) refreshed.clear();
        let run = refreshed.get(key);
        if (!run) {
          run = refresh(due.reminder, slot, at);
          refreshed.set(key, run);
        }
        return run;
      },
    }),
  );
  const registered = ctx;
  return {
    sendNow: (reminderId) =>
      sendCheckinNow(registered, {
        store: options.reminders,
        sync: async (reminder, at) => {
          const roster = await rosters.sync(reminder, { from: at });
          await tellCreator(registered, options, reminder, roster.unreachable, at);
          return roster;
        },
      }, reminderId),
  };
}

/**
 * The creator's DM about owners nobody can reach: once per reminder and week (of the reminder's
 * fixed zone, else UTC), across runs, replicas and Send now, by its own claim.
 */
async function tellCreator<M>(ctx: CheckinContext<M>, options: Pick<CheckinsOptions<M>, 'renderUnreachable' | 'logger'>, reminder: CheckinReminder, owners: readonly UnreachableOwner[], at: Date): Promise<void> {
  if (owners.length === 0) return;
  const period = periodForSlot(at, reminder.zone ?? 'UTC', reminder.period);
  const subject: DueCheckin = { reminder, schedule: { reminderId: reminder.id, slackUserId: reminder.createdBy, zone: 'UTC', nextRunAt: at } };
  const claimed = await claimWork(ctx, subject, `${reminder.id}/unreachable/${period}`, at);
  if (claimed.kind !== 'claimed') return;
  const outcome = await deliverClaimed(ctx, {
    subjectId: `${reminder.id}/unreachable`,
    claim: claimed.claim,
    key: { eventType: 'kpibot_checkin_unreachable', fields: { reminder: reminder.id, period } },
    rendered: { kind: 'post', messages: [options.renderUnreachable(reminder, owners, period)] },
  });
  if (outcome.kind === 'post_failed') {
    // The creator cannot be told either: recorded, never retried into a loop of notices.
    await ctx.claims.settle(claimed.claim.id, ctx.instanceId, { status: 'failed', at, error: `Slack refused the notice (${outcome.failure.code}).` });
    options.logger.warn('could not tell a reminder’s creator about owners nobody can reach', { reminderId: reminder.id, code: outcome.failure.code });
  }
}
