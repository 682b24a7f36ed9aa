import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ActionIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { kpiPickerOptions } from '../../views/typeahead-options.js';
import { catalogueForTypeahead } from './typeahead-catalogue.js';
import { typedQuery } from './typed-query.js';

/**
 * The typeahead behind the KPI picker (block_suggestion). Answered from the in-memory catalogue,
 * never from Gtmhub directly: at most 100 options of at most 75 characters, best matches first.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(ActionIds.kpiPicker, async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, 'KPI picker', ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, 'KPI picker');
    if (!view) {
      await ack({ options: [] });
      return;
    }
    const { matches } = view.index.search(typed, LIMITS.options);
    await ack({ options: kpiPickerOptions(matches.map((m) => m.kpi), view.groupNames) });
  });
}
