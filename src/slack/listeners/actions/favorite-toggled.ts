import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import type { SlackDeps } from '../../deps.js';
import { toggleFavoriteById } from '../../handlers/favorites.js';
import { refreshHome } from '../../handlers/home.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { actionPattern, ActionIds } from '../../ids.js';
import { favoriteToggledMessage, withFavoriteState } from '../../views/favorites.js';
import { noticeMessage } from '../../views/help.js';

/**
 * *☆ Favorite group* / *★ Unfavorite* (a button whose value is the group id, or an overflow option
 * whose value is the group id) on a card, the details, `/kpi fav` or the Home tab. The control in the
 * message flips in place; the Home tab is published again.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction | OverflowAction>>(actionPattern(ActionIds.toggleFavorite), async ({ ack, body, action, respond, client }) => {
    await ack();
    const groupId = action.type === 'overflow' ? action.selected_option.value : action.value;
    if (!groupId) return;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const inMessage = body.container?.type !== 'view';
    const reply = ephemeralReply(respond);
    let toggled: Awaited<ReturnType<typeof toggleFavoriteById>>;
    try {
      toggled = await toggleFavoriteById(deps, teamId, userId, groupId);
    } catch (error) {
      deps.logger.error('could not toggle a favorite group', { groupId, error });
      if (inMessage) await reply(noticeMessage(describeFailure(error, 'changing your favorite groups')));
      return;
    }
    refreshHome(deps, client, teamId, userId);
    if (!inMessage) return;
    const { favorite, mirror } = toggled.toggled;
    const blocks = body.message?.blocks as unknown[] | undefined;
    try {
      // Slack leaves `message` out of the payload for ephemeral messages: then a short reply says what changed.
      if (blocks) await respond({ replace_original: true, text: String(body.message?.text ?? ''), blocks: withFavoriteState(blocks, groupId, favorite) });
      if (!blocks || mirror.kind !== 'mirrored') await reply(favoriteToggledMessage(toggled.name, favorite, mirror));
    } catch (error) {
      deps.logger.warn('could not update the message after a favorite toggle', { groupId, error });
    }
  });
}
