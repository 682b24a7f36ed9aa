import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { unfurlKpiLinks } from '../../handlers/unfurl/unfurl-kpi-links.js';
import { parseLinkShared } from '../../payloads/link-shared.js';
import { logUnreadable } from '../unreadable.js';

/**
 * Someone posted a link of a domain in manifest.yml's `unfurl_domains`: Bolt has acknowledged the
 * event already; the unfurl (Gtmhub reads, a chart upload) runs in the background.
 */
export function register(app: App, deps: SlackDeps): void {
  app.event('link_shared', ({ event, body, client }) => {
    const shared = parseLinkShared(event, body);
    if (!shared.ok) logUnreadable(deps, 'a link_shared event', shared.error);
    else deps.background.run('unfurling Gtmhub links', () => unfurlKpiLinks(deps, client, shared.value));
    return Promise.resolve();
  });
}
