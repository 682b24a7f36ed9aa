/**
 * When a person logs a value anywhere in Slack (the DM's Log value, Check in, `/kpi log`, the log
 * modal), their check-in DMs of that period that list the KPI turn it to ✅ — and say "all done"
 * once nothing is missing.
 */
import type { webApi } from '@slack/bolt';
import type { ValueRecorded, ValueRecordedListener } from '../../../kpis/value-recorded.js';
import type { SlackDeps } from '../../deps.js';
import { updateDm } from './dm-progress.js';

/**
 * The listener for `deps.valueRecorded`. Updates of one DM run one after the other, each reading
 * Gtmhub afresh: a Check in records several values at once, and an update that read before the
 * last of them must not land after the one that read them all.
 */
export function checkinDmUpdater(deps: SlackDeps, client: webApi.WebClient): ValueRecordedListener {
  const tails = new Map<string, Promise<void>>();
  return async (event: ValueRecorded) => {
    if (!deps.checkins) return;
    const dms = (await deps.checkins.dms.dmsListing(event.teamId, event.userId, event.kpiId)).filter((dm) => dm.period === event.period);
    // The value just written counts even if Gtmhub's read does not show it yet.
    const known = new Map([[event.kpiId, event.after ?? event.value]]);
    await Promise.all(
      dms.map((dm) => {
        const key = `${dm.reminderId}/${dm.slackUserId}/${dm.period}`;
        const next = (tails.get(key) ?? Promise.resolve()).then(async () => {
          try {
            await updateDm(deps, client, dm, event.zone, known);
          } catch (error) {
            deps.logger.warn('could not update a check-in DM after a value was recorded', { reminderId: dm.reminderId, kpiId: event.kpiId, error });
          }
        });
        tails.set(key, next);
        void next.then(() => {
          if (tails.get(key) === next) tails.delete(key);
        });
        return next;
      }),
    );
  };
}
