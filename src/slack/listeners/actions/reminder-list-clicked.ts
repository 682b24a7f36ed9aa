import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { onReminderButton, type ReminderButton } from '../../handlers/checkins/reminder-list.js';
import { ReminderIds } from '../../ids.js';
import { registerListButtons } from './list-buttons.js';

const BUTTONS: ReadonlyArray<readonly [string, ReminderButton]> = [
  [ReminderIds.editButton, 'edit'],
  [ReminderIds.pauseButton, 'pause'],
  [ReminderIds.sendNowButton, 'send-now'],
  [ReminderIds.removeButton, 'remove'],
];

/** *Edit*, *Pause* or *Resume*, *Send now* and *Remove* in `/kpi remind list`; the reply replaces the list. */
export function register(app: App, deps: SlackDeps): void {
  registerListButtons(app, deps, 'reminder list', BUTTONS, (client, { button, id, teamId, userId, triggerId }, reply) =>
    onReminderButton(deps, client, { button, reminderId: id, teamId, userId, triggerId }, reply),
  );
}
