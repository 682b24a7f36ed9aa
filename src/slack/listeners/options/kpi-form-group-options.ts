import type { App } from '@slack/bolt';
import { knownGroups, searchGroups } from '../../../favorites/resolve-group.js';
import type { SlackDeps } from '../../deps.js';
import { KpiFormInputIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { groupOptions } from '../../views/typeahead-options.js';
import { catalogueForTypeahead } from './typeahead-catalogue.js';
import { typedQuery } from './typed-query.js';

/**
 * The groups typeahead of the KPI form (block_suggestion): every group the catalogue knows, matched
 * by name, at most Slack's 100 options. Answered from memory, never from Gtmhub directly; the
 * catalogue may still be loading on a replica other than the one that opened the form.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(KpiFormInputIds.groupIds.action, async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, 'KPI form group picker', ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, 'KPI form group picker');
    const groups = view ? searchGroups(knownGroups(view), typed, LIMITS.options) : [];
    await ack({ options: groupOptions(groups) });
  });
}
