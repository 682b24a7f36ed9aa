import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { safely, showKpi } from '../../handlers/lookup.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { actionPattern, ActionIds } from '../../ids.js';

/** *Details* on a card: the KPI's details as a new ephemeral message (the list stays). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(actionPattern(ActionIds.showDetails), async ({ ack, body, action, respond, client }) => {
    await ack();
    const message = await safely(deps, 'looking up the KPI', async () =>
      showKpi(deps, { id: action.value ?? '' }, await deps.profiles.get(client, body.user.id), body.team?.id ?? body.user.team_id),
    );
    await ephemeralReply(respond)(message);
  });
}
