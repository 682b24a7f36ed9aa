import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { safely } from '../../handlers/common/safely.js';
import { showKpi } from '../../handlers/lookup/lookup.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { actionPattern, ActionIds } from '../../ids.js';
import { parseIdClick } from '../../payloads/requests.js';
import { unreadableRequestMessage } from '../../views/help.js';
import { logUnreadable } from '../unreadable.js';

/** *Details* on a card: the KPI's details as a new ephemeral message (the list stays). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(actionPattern(ActionIds.showDetails), async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const reply = ephemeralReply(respond);
    const click = parseIdClick(body, action.value, 'Details');
    if (!click.ok) {
      logUnreadable(deps, 'a Details click', click.error);
      return reply(unreadableRequestMessage());
    }
    const { teamId, userId, id } = click.value;
    await reply(await safely(deps, 'looking up the KPI', async () => showKpi(deps, { id }, await deps.profiles.get(client, userId), teamId)));
  });
}
