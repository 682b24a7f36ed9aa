/** *Delete* on the details card (after Slack's confirm dialog): the KPI and its snapshots go. */
import type { webApi } from '@slack/bolt';
import { GtmhubNotFoundError } from '../../../gtmhub/errors.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { refusalFor } from './access.js';

/** Deletes the KPI as the user; the catalogue and the value cache forget it. One sentence says what happened. */
export async function deleteKpiFromSlack(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { teamId: string; userId: string; kpiId: string },
): Promise<MessageView> {
  const refusal = await refusalFor(deps, client, input.userId, 'delete');
  if (refusal) return noticeMessage(refusal);
  const known = deps.catalogue.peek()?.byId.get(input.kpiId)?.name;
  const label = known ? `“${known}”` : `the KPI ${input.kpiId}`;
  const forget = (): void => {
    deps.catalogue.remove(input.kpiId);
    deps.recentValues.invalidate(input.kpiId);
  };
  try {
    await (await deps.gtmhubFor(input.teamId, input.userId)).deleteKpi(input.kpiId);
  } catch (error) {
    if (error instanceof GtmhubNotFoundError) {
      forget();
      return noticeMessage(`${capitalized(label)} was already deleted from Gtmhub.`);
    }
    deps.logger.error('deleting a KPI failed', { kpiId: input.kpiId, error });
    return noticeMessage(describeFailure(error, `deleting ${label}`));
  }
  forget();
  return noticeMessage(`Deleted ${label} and all its recorded values from Gtmhub.`);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
