import type { App } from '@slack/bolt';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import type { SlackDeps } from '../../deps.js';
import { ActionIds } from '../../ids.js';
import { LIMITS, option } from '../../views/blocks.js';
import { kpiOptionText } from '../../views/log-modal.js';

/** How long a typeahead may wait for the very first catalogue load: Slack drops answers after 3 s. */
const FIRST_LOAD_WAIT_MS = 2_000;

/**
 * The typeahead behind the KPI picker (block_suggestion). Answered from the in-memory catalogue,
 * never from Gtmhub directly: at most 100 options of at most 75 characters, best matches first.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(ActionIds.kpiPicker, async ({ ack, options }) => {
    const view = deps.catalogue.peek() ?? (await firstLoad(deps));
    if (!view) {
      await ack({ options: [] });
      return;
    }
    const { matches } = view.index.search(options.value ?? '', LIMITS.options);
    await ack({ options: matches.map(({ kpi }) => option(kpiOptionText(kpi, view.groupNames), kpi.id)) });
  });
}

async function firstLoad(deps: SlackDeps): Promise<CatalogueView | undefined> {
  try {
    return await deps.catalogue.get({ waitMs: FIRST_LOAD_WAIT_MS });
  } catch (error) {
    deps.logger.warn('KPI picker could not load the catalogue in time', { error });
    return undefined;
  }
}
