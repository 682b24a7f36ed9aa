import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitDigestModal } from '../../handlers/digests/digest-subscribe.js';
import { DigestIds } from '../../ids.js';
import { readSubmission } from '../unreadable.js';

/**
 * The digest modal was submitted (subscribe or edit). Field errors and a refused channel go back
 * next to their fields; a saved subscription turns the modal into a one-sentence confirmation.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(DigestIds.modal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted digest form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    await submitDigestModal(
      deps,
      client,
      { teamId: actor.teamId, userId: actor.userId, viewId: view.id, state: view.state, privateMetadata: view.privateMetadata },
      (response) => ack(response),
    );
  });
}
