import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { FORM_DID_NOT_OPEN, openLogModal } from '../../handlers/log-value/modal.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { noticeMessage } from '../../views/help.js';
import { actionPattern, ActionIds } from '../../ids.js';
import { parseLogButtonValue } from '../../payloads/button-values.js';
import { parseActor } from '../../payloads/requests.js';
import { logUnreadable } from '../unreadable.js';

/** *Log value* on a card, the details, the Home tab or a digest, or *Log 5 to …* after an unknown name: the modal, preset to that KPI (and period, value). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(actionPattern(ActionIds.logValue), async ({ ack, body, action, client, respond: boltRespond }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const actor = parseActor(body);
    if (!actor.ok) return logUnreadable(deps, 'a Log value click', actor.error);
    const button = parseLogButtonValue(action.value);
    // A value this version cannot read still opens the form, just not preset: the person picks the KPI.
    if (!button.ok) logUnreadable(deps, 'a Log value button’s value', button.error);
    const preset = button.ok ? button.value : undefined;
    try {
      await openLogModal(deps, client, {
        triggerId: body.trigger_id,
        userId: actor.value.userId,
        ...(body.channel?.id ? { channelId: body.channel.id } : {}),
        ...(preset ? { kpiId: preset.kpiId } : {}),
        ...(preset?.period ? { period: preset.period } : {}),
        ...(preset?.value !== undefined ? { initialValue: preset.value } : {}),
      });
    } catch (error) {
      deps.logger.error('could not open the log modal from a button', { error });
      // Buttons on the Home tab have no response_url; there the log line is all that can be done.
      if (body.response_url) await ephemeralReply(respond)(noticeMessage(FORM_DID_NOT_OPEN));
    }
  });
}
