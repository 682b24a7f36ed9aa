import type { App } from '@slack/bolt';
import { knownGroups, searchGroups } from '../../../favorites/resolve-group.js';
import type { SlackDeps } from '../../deps.js';
import { KpiFormInputIds } from '../../ids.js';
import { LIMITS } from '../../views/blocks.js';
import { groupOption } from '../../views/kpi-form.js';

/** How long the typeahead may wait for the very first catalogue load (another replica opened the form): Slack drops answers after 3 s. */
const FIRST_LOAD_WAIT_MS = 2_000;

/**
 * The groups typeahead of the KPI form (block_suggestion): every group the catalogue knows, matched
 * by name, at most Slack's 100 options. Answered from memory, never from Gtmhub directly.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(KpiFormInputIds.groupIds.action, async ({ ack, options }) => {
    const view =
      deps.catalogue.peek() ??
      (await deps.catalogue.get({ waitMs: FIRST_LOAD_WAIT_MS }).catch((error: unknown) => {
        deps.logger.warn('the KPI form’s group typeahead could not load the catalogue in time', { error });
        return undefined;
      }));
    const groups = view ? searchGroups(knownGroups(view), options.value ?? '', LIMITS.options) : [];
    await ack({ options: groups.map(groupOption) });
  });
}
