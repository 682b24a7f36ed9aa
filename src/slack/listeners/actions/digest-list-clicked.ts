import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { onDigestButton, type DigestButton } from '../../handlers/digests/digest-list.js';
import { DigestIds } from '../../ids.js';
import { registerListButtons } from './list-buttons.js';

const BUTTONS: ReadonlyArray<[string, DigestButton]> = [
  [DigestIds.editButton, 'edit'],
  [DigestIds.pauseButton, 'pause'],
  [DigestIds.sendNowButton, 'send-now'],
  [DigestIds.removeButton, 'remove'],
];

/** *Edit*, *Pause* or *Resume*, *Send now* and *Remove* in `/kpi digest list`; the reply replaces the list. */
export function register(app: App, deps: SlackDeps): void {
  registerListButtons(app, deps, 'digest list', BUTTONS, (client, { id, ...click }, reply) => onDigestButton(deps, client, { ...click, subscriptionId: id }, reply));
}
