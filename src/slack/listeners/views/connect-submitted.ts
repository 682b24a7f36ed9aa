import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitConnect, type ConnectAck } from '../../handlers/connect/connect.js';
import { refreshHome } from '../../handlers/home/publish-home.js';
import { BlockIds, CallbackIds } from '../../ids.js';
import { readSubmission } from '../unreadable.js';

/**
 * The /kpi connect modal was submitted: the token is checked and stored before the acknowledgement,
 * because a refusal must appear next to the field (response_action "errors"), which only the ack can do.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(CallbackIds.connectModal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted connect form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    let answer: ConnectAck;
    try {
      answer = await submitConnect(deps, actor.teamId, actor.userId, view.state);
    } catch (error) {
      deps.logger.error('could not store a personal Gtmhub token', { error });
      answer = { response_action: 'errors', errors: { [BlockIds.gtmhubToken]: 'kpibot could not save the token just now; nothing was stored: please try again in a minute.' } };
    }
    await ack(answer);
    if (answer.response_action === 'update') refreshHome(deps, client, actor.teamId, actor.userId);
  });
}
