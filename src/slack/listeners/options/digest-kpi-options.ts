import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { clip, LIMITS, option } from '../../views/blocks.js';

/**
 * The KPI typeahead of the digest modal, answered from the in-memory catalogue (the modal was
 * filled from it, so it is loaded): at most 100 options of at most 75 characters, best first.
 */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestIds.kpiPicker, async ({ ack, options }) => {
    const view = deps.catalogue.peek();
    if (!view) {
      await ack({ options: [] });
      return;
    }
    const { matches } = view.index.search(options.value ?? '', LIMITS.options);
    await ack({ options: matches.map(({ kpi }) => option(clip(kpi.name, LIMITS.optionText), kpi.id)) });
  });
}
