import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { AlertIds } from '../../ids.js';
import { kpiTypeahead } from './typeaheads.js';

/** The KPI typeahead of the alert form, answered from the in-memory catalogue. */
export function register(app: App, deps: SlackDeps): void {
  app.options(AlertIds.kpiPicker, kpiTypeahead(deps, 'alert kpi picker'));
}
