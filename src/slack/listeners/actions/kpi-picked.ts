import type { App, BlockAction, StaticSelectAction, ExternalSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { refreshLogModal, type LogModalView } from '../../handlers/log-value-modal.js';
import { ActionIds } from '../../ids.js';

/** A KPI was picked in the log modal (dispatch_action): show its current value under the picker. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction | ExternalSelectAction>>(ActionIds.kpiPicker, async ({ ack, body, client }) => {
    await ack();
    if (!body.view) return;
    try {
      await refreshLogModal(deps, client, body.view as unknown as LogModalView, body.user.id);
    } catch (error) {
      // Only the current value is missing then; the form itself still works.
      deps.logger.warn('could not show the picked KPI’s current value in the log modal', { error });
    }
  });
}
