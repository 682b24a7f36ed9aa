import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openEditKpiForm } from '../../handlers/kpi-admin.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { KpiAdminIds } from '../../ids.js';
import { noticeMessage } from '../../views/help.js';

/** *Edit* on the details card: the KPI form, filled in (or a refusal for users who may not edit). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(KpiAdminIds.editButton, async ({ ack, body, action, respond, client }) => {
    await ack();
    try {
      const refusal = await openEditKpiForm(deps, client, {
        triggerId: body.trigger_id,
        userId: body.user.id,
        kpiId: action.value ?? '',
        ...(body.channel?.id ? { channelId: body.channel.id } : {}),
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      });
      if (refusal) await ephemeralReply(respond)(refusal);
    } catch (error) {
      deps.logger.error('could not open the edit KPI form', { error });
      await ephemeralReply(respond)(noticeMessage('Slack did not let kpibot open the form in time: please click Edit again.'));
    }
  });
}
