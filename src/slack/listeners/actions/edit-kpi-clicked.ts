import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openEditKpiForm } from '../../handlers/kpi-admin/open-form.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { KpiAdminIds } from '../../ids.js';
import { parseIdClick } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import { logUnreadable } from '../unreadable.js';

/** *Edit* on the details card: the KPI form, filled in (or a refusal for users who may not edit). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(KpiAdminIds.editButton, async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const reply = ephemeralReply(respond);
    const click = parseIdClick(body, action.value, 'Edit');
    if (!click.ok) {
      logUnreadable(deps, 'an Edit click', click.error);
      return reply(unreadableRequestMessage());
    }
    try {
      const refusal = await openEditKpiForm(deps, client, {
        triggerId: body.trigger_id,
        teamId: click.value.teamId,
        userId: click.value.userId,
        kpiId: click.value.id,
        ...(body.channel?.id ? { channelId: body.channel.id } : {}),
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      });
      if (refusal) await reply(refusal);
    } catch (error) {
      deps.logger.error('could not open the edit KPI form', { error });
      await reply(noticeMessage('Slack did not let kpibot open the form in time: please click Edit again.'));
    }
  });
}
