import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** auth.test: who the bot token belongs to. Bolt calls it at start-up to learn its bot ids. */
function test(_args: unknown, ws: SimWorkspace): Record<string, unknown> {
  const { teamDomain, teamName, teamId, botUserId, botId } = ws.options;
  return {
    url: `https://${teamDomain}.slack.com/`,
    team: teamName,
    user: ws.users.get(botUserId)?.name ?? 'kpibot',
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  };
}

export const authMethods: Record<string, MethodHandler> = {
  'auth.test': test,
};
