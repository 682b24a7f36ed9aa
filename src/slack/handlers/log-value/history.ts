import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { historyMessage } from '../../views/history.js';
import type { MessageView } from '../../views/messages.js';

/** How many of the user's submissions `/kpi history` shows. */
const HISTORY_LENGTH = 10;

/** `/kpi history`: the user's last submissions and what became of them, in their zone. */
export async function historyAnswer(deps: SlackDeps, client: webApi.WebClient, teamId: string, userId: string): Promise<MessageView> {
  const [profile, rows] = await Promise.all([deps.profiles.get(client, userId), deps.submissions.recentForUser(teamId, userId, HISTORY_LENGTH)]);
  return historyMessage(rows, profile.zone, profile.locale);
}
