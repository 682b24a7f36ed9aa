/**
 * A check-in DM as it stands now (values from Gtmhub, *Not this week* from the store), and the DM
 * updated in place to show it: after a value was logged anywhere in Slack, a Check in, a KPI put
 * off. `chat.update` takes the DM's own conversation id, which the scheduled post stored.
 */
import type { webApi } from '@slack/bolt';
import { readCheckinProgress, type CheckinProgress } from '../../../checkins/progress.js';
import { remindersOf } from '../../../checkins/reminders-of.js';
import type { CheckinDm } from '../../../checkins/types.js';
import type { SlackDeps } from '../../deps.js';
import { renderCheckinProgress } from '../../views/checkins/dm.js';

type Deps = Pick<SlackDeps, 'checkins' | 'catalogue' | 'gtmhub' | 'now'>;

/** Where the DM stands, or undefined when its reminder is gone. */
export async function progressOfDm(deps: Deps, dm: CheckinDm, zone: string, known?: ReadonlyMap<string, number>): Promise<CheckinProgress | undefined> {
  const checkins = deps.checkins;
  if (!checkins) return undefined;
  const [reminder, catalogue, skipped, alsoFrom] = await Promise.all([
    checkins.checkinReminders.get(dm.reminderId),
    deps.catalogue.get(),
    checkins.dms.skippedBy(dm.teamId, dm.slackUserId, dm.period),
    remindersOf(checkins.checkinReminders, dm.mergedFrom ?? []),
  ]);
  if (!reminder) return undefined;
  return readCheckinProgress(
    { snapshots: deps.gtmhub, catalogue },
    { reminder, alsoFrom, slackUserId: dm.slackUserId, period: dm.period, kpiIds: dm.kpiIds, zone, skipped, now: deps.now(), ...(known ? { known } : {}) },
  );
}

/** Updates the DM to show where it stands; returns that. */
export async function updateDm(deps: Deps, client: webApi.WebClient, dm: CheckinDm, zone: string, known?: ReadonlyMap<string, number>): Promise<CheckinProgress | undefined> {
  const progress = await progressOfDm(deps, dm, zone, known);
  if (!progress) return undefined;
  const message = renderCheckinProgress(progress);
  await client.chat.update({ channel: dm.channelId, ts: dm.messageTs, text: message.text, blocks: message.blocks });
  return progress;
}
