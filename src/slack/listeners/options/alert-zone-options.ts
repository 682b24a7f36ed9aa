import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { AlertIds } from '../../ids.js';
import { zoneTypeahead } from './typeaheads.js';

/** The time zone typeahead of the alert form: IANA zones matching what was typed, 100 at most. */
export function register(app: App, deps: SlackDeps): void {
  app.options(AlertIds.zonePicker, zoneTypeahead(deps, 'alert zone picker'));
}
