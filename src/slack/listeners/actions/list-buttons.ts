import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseIdClick } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { logUnreadable } from '../unreadable.js';

/** One click on a list's button (`/kpi digest list`, `/kpi alert list`): what it names, by whom. */
export interface ListClick<B> {
  button: B;
  id: string;
  teamId: string;
  userId: string;
  triggerId: string;
}

/**
 * Registers the buttons of a list whose value is the id of what they act on; the reply replaces
 * the list (ephemeral). `what` names the list in logs ("digest list").
 */
export function registerListButtons<B>(
  app: App,
  deps: SlackDeps,
  what: string,
  buttons: ReadonlyArray<readonly [string, B]>,
  onClick: (client: webApi.WebClient, click: ListClick<B>, reply: (message: MessageView) => Promise<void>) => Promise<void>,
): void {
  for (const [actionId, button] of buttons) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const reply = async (message: MessageView): Promise<void> => {
        await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
      };
      const click = parseIdClick(body, action.value, what);
      if (!click.ok) {
        logUnreadable(deps, `a ${what} click`, click.error);
        return reply(unreadableRequestMessage());
      }
      const { teamId, userId, id } = click.value;
      try {
        await onClick(client, { button, id, teamId, userId, triggerId: body.trigger_id }, reply);
      } catch (error) {
        deps.logger.error(`${what} button failed`, { error, button });
        await reply(noticeMessage('kpibot could not do that just now: please try again in a minute.'));
      }
    });
  }
}
