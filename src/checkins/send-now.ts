/**
 * Send now (`/kpi remind list`): the reminder's DMs at once, to the people it reaches now. Each
 * person's DM goes through the same claim as their scheduled one — (reminder, person, period of
 * their zone) — so it goes out at most once per week: a person already reminded this week is
 * counted, not reminded again, and their slot later in the week finds the claim settled.
 */
import { buildContents, claimWork, isBuilt, notBuiltReason } from '../scheduling/context.js';
import { deliverClaimed } from '../scheduling/deliver.js';
import { handlePostFailure } from '../scheduling/post-failures.js';
import type { ClaimedSlot } from '../scheduling/scheduled-run.js';
import type { CheckinContext } from './kind.js';
import type { Roster, ScheduleStore } from './roster.js';
import type { CheckinReminder, DueCheckin } from './types.js';

/** What Send now did, counted per person, for one sentence in Slack. */
export type CheckinSendNowResult =
  | { kind: 'done'; sent: number; nothingToLog: number; alreadySent: number; inProgress: number; failed: number; roster: Roster }
  | { kind: 'not_found' };

export interface SendNowDeps {
  store: ScheduleStore & { get(id: string): Promise<CheckinReminder | undefined> };
  /** Derives the people again (and tells the creator about unreachable owners). */
  sync(reminder: CheckinReminder, at: Date): Promise<Roster>;
}

export async function sendCheckinNow<M>(ctx: CheckinContext<M>, deps: SendNowDeps, reminderId: string): Promise<CheckinSendNowResult> {
  const reminder = await deps.store.get(reminderId);
  if (!reminder) return { kind: 'not_found' };
  const at = new Date(ctx.now());
  const roster = await deps.sync(reminder, at);
  const result = { kind: 'done' as const, sent: 0, nothingToLog: 0, alreadySent: 0, inProgress: 0, failed: 0, roster };
  const claimed: ClaimedSlot<DueCheckin>[] = [];
  for (const schedule of await deps.store.schedulesOf(reminder.id)) {
    const subject: DueCheckin = { reminder, schedule };
    const claim = await claimWork(ctx, subject, ctx.kind.claimKey(subject, at), at, { reclaimable: ['failed'] });
    if (claim.kind === 'claimed') claimed.push({ subject, slot: at, claim: claim.claim });
    else if (claim.kind === 'settled') result.alreadySent += 1;
    else result.inProgress += 1;
  }
  // One build for everybody: one batched Gtmhub read per (UTC offset, week).
  const contents = await buildContents(ctx, claimed.map((c) => c.subject), at);
  for (const { subject, claim } of claimed) {
    const id = ctx.kind.subjectOf(subject).id;
    const content = contents.get(id);
    if (!isBuilt(content)) {
      await ctx.claims.settle(claim.id, ctx.instanceId, { status: 'failed', at, error: notBuiltReason(ctx, content) });
      result.failed += 1;
      continue;
    }
    const outcome = await deliverClaimed(ctx, { subjectId: id, claim, key: ctx.kind.messageKey(subject, at), rendered: ctx.kind.render(content) });
    if (outcome.kind === 'sent') result.sent += 1;
    else if (outcome.kind === 'skipped') result.nothingToLog += 1;
    else if (outcome.kind === 'post_failed') {
      await handlePostFailure(ctx, subject, claim, outcome.failure, { countAttempt: true, finalOnRefusal: true });
      result.failed += 1;
    } else result.inProgress += 1;
  }
  return result;
}
