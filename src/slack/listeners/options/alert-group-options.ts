import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { AlertInputIds } from '../../ids.js';
import { groupTypeahead } from './typeaheads.js';

/** The group typeahead of the alert form: every group the catalogue knows, matched by name. */
export function register(app: App, deps: SlackDeps): void {
  app.options(AlertInputIds.group.action, groupTypeahead(deps, 'alert group picker'));
}
