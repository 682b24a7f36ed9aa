import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { deleteKpiFromSlack } from '../../handlers/kpi-admin-delete.js';
import { safely } from '../../handlers/lookup.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { KpiAdminIds } from '../../ids.js';

/** *Delete* on the details card, once the user confirmed in Slack's dialog: one sentence says what happened. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(KpiAdminIds.deleteButton, async ({ ack, body, action, respond, client }) => {
    await ack();
    const message = await safely(deps, 'deleting the KPI', () =>
      deleteKpiFromSlack(deps, client, { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, kpiId: action.value ?? '' }),
    );
    await ephemeralReply(respond)(message);
  });
}
