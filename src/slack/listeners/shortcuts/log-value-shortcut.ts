import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openLogModal } from '../../handlers/log-value.js';
import { CallbackIds } from '../../ids.js';

/** The global shortcut "Log a KPI value" (manifest.yml): the log modal, from anywhere in Slack. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut(CallbackIds.logValueShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await openLogModal(deps, client, { triggerId: shortcut.trigger_id, userId: shortcut.user.id });
  });
}
