import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { kpiTypeahead } from './typeaheads.js';

/** The KPI typeahead of the digest modal, answered from the in-memory catalogue. */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestIds.kpiPicker, kpiTypeahead(deps, 'digest KPI picker'));
}
