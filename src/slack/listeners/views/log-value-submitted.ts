import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { readLogModalState } from '../../handlers/log-value/modal-state.js';
import { recordFromModalSafely, validateLogModal } from '../../handlers/log-value/submit.js';
import { CallbackIds } from '../../ids.js';
import { recordingModal } from '../../views/log-modal.js';
import { readSubmission } from '../unreadable.js';

/**
 * The log modal was submitted. Input errors go back next to their fields (response_action
 * "errors", nothing sent); valid input turns the modal into "Recording…" at once, and the
 * outcome replaces it when Gtmhub has answered.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(CallbackIds.logValueModal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted log form', (answer) => ack(answer));
    if (!submission) return;
    const { actor: { teamId, userId }, view } = submission;
    // Bounded: the errors (or the update) must reach Slack within 3 s even if users.info is slow.
    // The recording itself waits for the real profile, after the ack.
    const profile = await deps.profiles.get(client, userId, { waitMs: 1_500 });
    const log = validateLogModal(readLogModalState(view.state), deps.catalogue.peek()?.byId, deps.now(), profile);
    if (!log.ok) {
      await ack({ response_action: 'errors', errors: log.errors });
      return;
    }
    await ack({ response_action: 'update', view: recordingModal(log) });
    await recordFromModalSafely(deps, client, { viewId: view.id, teamId, userId, log });
  });
}
