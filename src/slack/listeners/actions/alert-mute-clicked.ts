import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { muteAlert } from '../../handlers/alerts/mute.js';
import { AlertIds } from '../../ids.js';
import { parseIdClick } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { logUnreadable } from '../unreadable.js';

/** *Mute for a week* on an alert message: the clicker alone is told until when (the alert stays as it was). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(AlertIds.muteButton, async ({ ack, body, action, respond: boltRespond }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const reply = async (message: MessageView): Promise<void> => {
      await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    };
    const click = parseIdClick(body, action.value, 'alert mute');
    if (!click.ok) {
      logUnreadable(deps, 'a Mute for a week click', click.error);
      return reply(unreadableRequestMessage());
    }
    try {
      await reply(await muteAlert(deps, click.value.id, click.value.userId));
    } catch (error) {
      deps.logger.error('muting an alert failed', { error });
      await reply(noticeMessage('kpibot could not mute the alert just now: please try again in a minute.'));
    }
  });
}
