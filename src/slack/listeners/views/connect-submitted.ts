import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitConnect, type ConnectAck } from '../../handlers/connect.js';
import { refreshHome } from '../../handlers/home.js';
import { BlockIds, CallbackIds } from '../../ids.js';

/**
 * The /kpi connect modal was submitted: the token is checked and stored before the acknowledgement,
 * because a refusal must appear next to the field (response_action "errors"), which only the ack can do.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(CallbackIds.connectModal, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    let answer: ConnectAck;
    try {
      answer = await submitConnect(deps, teamId, body.user.id, view.state.values);
    } catch (error) {
      deps.logger.error('could not store a personal Gtmhub token', { error });
      answer = { response_action: 'errors', errors: { [BlockIds.gtmhubToken]: 'kpibot could not save the token just now; nothing was stored: please try again in a minute.' } };
    }
    await ack(answer);
    if (answer.response_action === 'update') refreshHome(deps, client, teamId, body.user.id);
  });
}
