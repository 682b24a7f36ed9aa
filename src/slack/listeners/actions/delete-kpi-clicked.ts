import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { deleteKpiFromSlack } from '../../handlers/kpi-admin/delete.js';
import { safely } from '../../handlers/common/safely.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { KpiAdminIds } from '../../ids.js';
import { parseIdClick } from '../../payloads/requests.js';
import { unreadableRequestMessage } from '../../views/help.js';
import { logUnreadable } from '../unreadable.js';

/** *Delete* on the details card, once the user confirmed in Slack's dialog: one sentence says what happened. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(KpiAdminIds.deleteButton, async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const reply = ephemeralReply(respond);
    const click = parseIdClick(body, action.value, 'Delete');
    if (!click.ok) {
      logUnreadable(deps, 'a Delete click', click.error);
      return reply(unreadableRequestMessage());
    }
    const { teamId, userId, id: kpiId } = click.value;
    await reply(await safely(deps, 'deleting the KPI', () => deleteKpiFromSlack(deps, client, { teamId, userId, kpiId })));
  });
}
