import type { App, BlockAction, StaticSelectAction, ExternalSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { refreshLogModal } from '../../handlers/log-value/modal.js';
import { ActionIds } from '../../ids.js';
import { parseActor, parseLogModalView } from '../../payloads/requests.js';
import { logUnreadable } from '../unreadable.js';

/** A KPI was picked in the log modal (dispatch_action): show its current value under the picker. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction | ExternalSelectAction>>(ActionIds.kpiPicker, async ({ ack, body, client }) => {
    await ack();
    const actor = parseActor(body);
    const view = parseLogModalView(body.view);
    // Nothing to say it to: the form itself still works, only the current value stays unshown.
    if (!actor.ok) return logUnreadable(deps, 'a KPI picked in the log form', actor.error);
    if (!view.ok) return logUnreadable(deps, 'a KPI picked in the log form', view.error);
    try {
      await refreshLogModal(deps, client, view.value, actor.value.userId);
    } catch (error) {
      // Only the current value is missing then; the form itself still works.
      deps.logger.warn('could not show the picked KPI’s current value in the log modal', { error });
    }
  });
}
