import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { refreshHome } from '../../handlers/home/publish-home.js';
import { parseAppHomeOpened } from '../../payloads/requests.js';
import { logUnreadable } from '../unreadable.js';

/**
 * The user opened kpibot's Home tab: publish it fresh. Bolt acknowledges Events API requests itself
 * before any listener runs (App.processEvent calls ack() for every event but function_executed), so
 * this cannot delay Slack's HTTP answer; the publish also runs in the background so that a slow
 * Gtmhub does not hold the listener either. An event without a user or a tab is logged and dropped.
 */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', ({ event, body, client }) => {
    const opened = parseAppHomeOpened(event, body);
    if (!opened.ok) logUnreadable(deps, 'an app_home_opened event', opened.error);
    else if (opened.value.tab === 'home') refreshHome(deps, client, opened.value.teamId, opened.value.userId);
    return Promise.resolve();
  });
}
