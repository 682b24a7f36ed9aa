import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { zoneTypeahead } from './typeaheads.js';

/** The time zone typeahead of the digest modal: IANA zones matching what was typed, 100 at most. */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestIds.zonePicker, zoneTypeahead(deps, 'digest zone picker'));
}
