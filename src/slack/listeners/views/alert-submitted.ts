import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitAlertModal } from '../../handlers/alerts/alert-modal.js';
import { AlertIds } from '../../ids.js';
import { readSubmission } from '../unreadable.js';

/**
 * The alert form was submitted (create or edit). Field errors go back next to their fields; then
 * the form says "Saving…" and turns into a one-sentence outcome.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(AlertIds.modal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted alert form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    await submitAlertModal(deps, client, { teamId: actor.teamId, userId: actor.userId, viewId: view.id, state: view.state, privateMetadata: view.privateMetadata }, (response) => ack(response));
  });
}
