import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openLogModal } from '../../handlers/log-value/modal.js';
import { CallbackIds } from '../../ids.js';
import { parseActor } from '../../payloads/requests.js';
import { logUnreadable } from '../unreadable.js';

/** The global shortcut "Log a KPI value" (manifest.yml): the log modal, from anywhere in Slack. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut(CallbackIds.logValueShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    const actor = parseActor(shortcut);
    // A shortcut has no response_url: what cannot be read, and a modal Slack refuses, get a log line only.
    if (!actor.ok) return logUnreadable(deps, 'the Log a KPI value shortcut', actor.error);
    await openLogModal(deps, client, { triggerId: shortcut.trigger_id, userId: actor.value.userId }).catch((error: unknown) =>
      deps.logger.error('could not open the log modal from the shortcut', { error }),
    );
  });
}
