import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import type { DigestStateValues } from '../../handlers/digests/digest-form.js';
import { submitDigestModal } from '../../handlers/digests/digest-subscribe.js';
import { DigestIds } from '../../ids.js';

/**
 * The digest modal was submitted (subscribe or edit). Field errors and a refused channel go back
 * next to their fields; a saved subscription turns the modal into a one-sentence confirmation.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(DigestIds.modal, async ({ ack, body, view, client }) => {
    await submitDigestModal(
      deps,
      client,
      {
        teamId: body.team?.id ?? body.user.team_id ?? '',
        userId: body.user.id,
        viewId: view.id,
        values: view.state.values as DigestStateValues,
        privateMetadata: view.private_metadata,
      },
      (response) => ack(response),
    );
  });
}
