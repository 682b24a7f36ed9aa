import type { App } from '@slack/bolt';
import { knownGroups, searchGroups } from '../../../favorites/resolve-group.js';
import type { SlackDeps } from '../../deps.js';
import { DigestInputIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { groupOptions } from '../../views/typeahead-options.js';
import { catalogueForTypeahead } from './typeahead-catalogue.js';
import { typedQuery } from './typed-query.js';

/**
 * The group typeahead of the digest modal: every group the catalogue knows, matched by name (all
 * of them by name when nothing is typed yet), at most Slack's 100 options of 75 characters.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestInputIds.groups.action, async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, 'digest group picker', ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, 'digest group picker');
    const groups = view ? searchGroups(knownGroups(view), typed, LIMITS.options) : [];
    await ack({ options: groupOptions(groups) });
  });
}
