import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseIdClick } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { logUnreadable } from '../unreadable.js';

/** One click on a list's button (`/kpi digest list`, `/kpi remind list`): which button, on what. */
export interface ListButtonClick<B> {
  button: B;
  /** The button's value: the id of the listed thing. */
  id: string;
  teamId: string;
  userId: string;
  triggerId: string;
}

/**
 * The buttons of an ephemeral list whose reply replaces the list: acknowledged first, the click
 * read (an unreadable one is answered, not dropped), and any failure one sentence.
 */
export function registerListButtons<B extends string>(
  app: App,
  deps: SlackDeps,
  list: string,
  buttons: ReadonlyArray<readonly [string, B]>,
  onClick: (client: webApi.WebClient, click: ListButtonClick<B>, reply: (message: MessageView) => Promise<void>) => Promise<void>,
): void {
  for (const [actionId, button] of buttons) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond: boltRespond }) => {
      await ack();
      // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
      const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
      const reply = async (message: MessageView): Promise<void> => {
        await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
      };
      const click = parseIdClick(body, action.value, list);
      if (!click.ok) {
        logUnreadable(deps, `a ${list} click`, click.error);
        return reply(unreadableRequestMessage());
      }
      const { teamId, userId, id } = click.value;
      try {
        await onClick(client, { button, id, teamId, userId, triggerId: body.trigger_id }, reply);
      } catch (error) {
        deps.logger.error(`${list} button failed`, { error, button });
        await reply(noticeMessage('kpibot could not do that just now: please try again in a minute.'));
      }
    });
  }
}
