import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openLogModal } from '../../handlers/log-value/modal.js';
import { CallbackIds } from '../../ids.js';

/** The global shortcut "Log a KPI value" (manifest.yml): the log modal, from anywhere in Slack. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut(CallbackIds.logValueShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    // A shortcut has no response_url: when Slack refuses the modal, the log line is all there is.
    await openLogModal(deps, client, { triggerId: shortcut.trigger_id, userId: shortcut.user.id }).catch((error: unknown) =>
      deps.logger.error('could not open the log modal from the shortcut', { error }),
    );
  });
}
