import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { kpiNameOptions } from '../../views/typeahead-options.js';
import { catalogueForTypeahead } from './typeahead-catalogue.js';
import { typedQuery } from './typed-query.js';

/**
 * The KPI typeahead of the digest modal, answered from the in-memory catalogue: at most 100
 * options of at most 75 characters, best first. The modal was filled from the catalogue, but on
 * another replica (or after a restart) it may still be loading: then it waits for it briefly.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestIds.kpiPicker, async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, 'digest KPI picker', ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, 'digest kpi picker');
    if (!view) {
      await ack({ options: [] });
      return;
    }
    const { matches } = view.index.search(typed, LIMITS.options);
    await ack({ options: kpiNameOptions(matches.map((m) => m.kpi)) });
  });
}
