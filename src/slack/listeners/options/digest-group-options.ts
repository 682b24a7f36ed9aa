import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestInputIds } from '../../ids.js';
import { groupTypeahead } from './typeaheads.js';

/** The group typeahead of the digest modal: every group the catalogue knows, matched by name. */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestInputIds.groups.action, groupTypeahead(deps, 'digest group picker'));
}
