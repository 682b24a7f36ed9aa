import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { onAlertButton, type AlertButton } from '../../handlers/alerts/alert-list.js';
import { AlertIds } from '../../ids.js';
import { registerListButtons } from './list-buttons.js';

const BUTTONS: ReadonlyArray<[string, AlertButton]> = [
  [AlertIds.editButton, 'edit'],
  [AlertIds.pauseButton, 'pause'],
  [AlertIds.removeButton, 'remove'],
];

/** *Edit*, *Pause* or *Resume*, and *Remove* in `/kpi alert list`; the reply replaces the list. */
export function register(app: App, deps: SlackDeps): void {
  registerListButtons(app, deps, 'alert list', BUTTONS, (client, { id, ...click }, reply) => onAlertButton(deps, client, { ...click, ruleId: id }, reply));
}
