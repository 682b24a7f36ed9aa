import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitReminderModal } from '../../handlers/checkins/reminder-modal.js';
import { ReminderIds } from '../../ids.js';
import { readSubmission } from '../unreadable.js';

/** The check-in reminder form was submitted (set up or edit): errors next to their fields, else one sentence. */
export function register(app: App, deps: SlackDeps): void {
  app.view(ReminderIds.modal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted reminder form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    await submitReminderModal(
      deps,
      client,
      { teamId: actor.teamId, userId: actor.userId, viewId: view.id, state: view.state, privateMetadata: view.privateMetadata },
      (response) => ack(response),
    );
  });
}
