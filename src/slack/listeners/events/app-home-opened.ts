import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { refreshHome } from '../../handlers/home.js';

/**
 * The user opened kpibot's Home tab: publish it fresh. Bolt acknowledges Events API requests itself
 * before any listener runs (App.processEvent calls ack() for every event but function_executed), so
 * this cannot delay Slack's HTTP answer; the publish also runs in the background so that a slow
 * Gtmhub does not hold the listener either.
 */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    refreshHome(deps, client, body.team_id, event.user);
  });
}
