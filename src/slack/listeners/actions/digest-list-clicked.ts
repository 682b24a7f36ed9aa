import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { onDigestButton, type DigestButton } from '../../handlers/digests/digest-list.js';
import { DigestIds } from '../../ids.js';
import { parseIdClick } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { logUnreadable } from '../unreadable.js';

const BUTTONS: ReadonlyArray<[string, DigestButton]> = [
  [DigestIds.editButton, 'edit'],
  [DigestIds.pauseButton, 'pause'],
  [DigestIds.sendNowButton, 'send-now'],
  [DigestIds.removeButton, 'remove'],
];

/** *Edit*, *Pause* or *Resume*, *Send now* and *Remove* in `/kpi digest list`; the reply replaces the list. */
export function register(app: App, deps: SlackDeps): void {
  for (const [actionId, button] of BUTTONS) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const reply = async (message: MessageView): Promise<void> => {
        await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
      };
      const click = parseIdClick(body, action.value, 'digest list');
      if (!click.ok) {
        logUnreadable(deps, 'a digest list click', click.error);
        return reply(unreadableRequestMessage());
      }
      const { teamId, userId, id: subscriptionId } = click.value;
      try {
        await onDigestButton(deps, client, { button, subscriptionId, teamId, userId, triggerId: body.trigger_id }, reply);
      } catch (error) {
        deps.logger.error('digest list button failed', { error, button });
        await reply(noticeMessage('kpibot could not do that just now: please try again in a minute.'));
      }
    });
  }
}
