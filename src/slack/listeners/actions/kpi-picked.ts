import type { App, BlockAction, StaticSelectAction, ExternalSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { refreshLogModal } from '../../handlers/log-value.js';
import { ActionIds } from '../../ids.js';

/** A KPI was picked in the log modal (dispatch_action): show its current value under the picker. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction | ExternalSelectAction>>(ActionIds.kpiPicker, async ({ ack, body, client }) => {
    await ack();
    if (!body.view) return;
    await refreshLogModal(deps, client, body.view as never, body.user.id);
  });
}
