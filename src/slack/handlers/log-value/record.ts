import type { webApi } from '@slack/bolt';
import { recordValue, type RecordValueRequest, type RecordValueResult } from '../../../kpis/record-value.js';
import type { SlackDeps } from '../../deps.js';
import { refreshHome } from '../home/publish-home.js';

/**
 * Records a value as the Slack user (their own Gtmhub token when connected), through the one
 * recording path every entry point shares; what must follow a recording happens here.
 *
 * It throws only before anything was sent to Gtmhub (the personal token or the store's pending
 * row failed): `recordValue` turns every later failure into an outcome. Callers may therefore say
 * "nothing was sent" when it throws.
 */
export async function recordForUser(deps: SlackDeps, client: webApi.WebClient, request: RecordValueRequest): Promise<RecordValueResult> {
  const result = await recordValue(request, {
    gtmhub: await deps.gtmhubFor(request.teamId, request.userId),
    submissions: deps.submissions,
    logger: deps.logger,
    now: deps.now,
    onRecorded: (id) => deps.recentValues.invalidate(id),
  });
  // The Home tab shows the latest values: republish it (in the background) after every recording.
  if (result.status === 'recorded') {
    refreshHome(deps, client, request.teamId, request.userId);
    const event = {
      teamId: request.teamId,
      userId: request.userId,
      kpiId: request.kpi.id,
      period: request.period,
      zone: request.zone,
      value: request.value,
      after: result.after,
      at: deps.now(),
    };
    deps.background.run('telling what follows a recording', () => deps.valueRecorded.publish(event));
  }
  return result;
}

/** The one sentence for a recording that failed before Gtmhub was called. */
export function notSentSentence(rawInput: string, kpiName: string, period: string): string {
  return `${rawInput} for “${kpiName}” (${period}) was not recorded: kpibot could not prepare the recording, so nothing was sent to Gtmhub. Try again in a minute; if it keeps failing, tell whoever runs kpibot.`;
}
