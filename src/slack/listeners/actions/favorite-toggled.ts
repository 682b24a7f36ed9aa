import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { changeFavoriteByControl, favoriteChangeFailure } from '../../handlers/favorites.js';
import { refreshHome } from '../../handlers/home.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { actionPattern, ActionIds } from '../../ids.js';
import { favoriteToggledMessage, parseFavoriteControlValue, withFavoriteState } from '../../views/favorites.js';
import { noticeMessage } from '../../views/help.js';

/**
 * *☆ Favorite group* / *★ Unfavorite* (a button or an overflow option whose value names the group
 * and the state it asks for) on a card, the details, `/kpi fav` or the Home tab. The control in the
 * message flips in place; the Home tab is published again — with the failure on top when the click
 * came from the Home, which has no conversation to answer in.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction | OverflowAction>>(actionPattern(ActionIds.toggleFavorite), async ({ ack, body, action, respond, client }) => {
    await ack();
    const request = parseFavoriteControlValue(action.type === 'overflow' ? action.selected_option.value : action.value);
    if (!request) return;
    const { groupId } = request;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const inMessage = body.container?.type !== 'view';
    const reply = ephemeralReply(respond);
    let toggled: Awaited<ReturnType<typeof changeFavoriteByControl>>;
    try {
      toggled = await changeFavoriteByControl(deps, teamId, userId, request);
    } catch (error) {
      deps.logger.error('could not toggle a favorite group', { groupId, error });
      const sentence = favoriteChangeFailure(deps, groupId, error);
      if (inMessage) await reply(noticeMessage(sentence));
      else refreshHome(deps, client, teamId, userId, sentence);
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
