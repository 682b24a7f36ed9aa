import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { changeFavoriteByControl, favoriteChangeFailure } from '../../handlers/favorites/favorite-groups.js';
import { refreshHome } from '../../handlers/home/publish-home.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { actionPattern, ActionIds } from '../../ids.js';
import { parseFavoriteControlValue } from '../../payloads/button-values.js';
import { parseActor, parseClickedMessage } from '../../payloads/requests.js';
import { favoriteToggledMessage, withFavoriteState } from '../../views/favorites.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import { logUnreadable } from '../unreadable.js';

/**
 * *☆ Favorite group* / *★ Unfavorite* (a button or an overflow option whose value names the group
 * and the state it asks for) on a card, the details, `/kpi fav` or the Home tab. The control in the
 * message flips in place; the Home tab is published again — with the failure on top when the click
 * came from the Home, which has no conversation to answer in.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction | OverflowAction>>(actionPattern(ActionIds.toggleFavorite), async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    const inMessage = body.container?.type !== 'view';
    const reply = ephemeralReply(respond);
    const actor = parseActor(body);
    const request = actor.ok ? parseFavoriteControlValue(action.type === 'overflow' ? action.selected_option?.value : action.value) : actor;
    if (!actor.ok || !request.ok) {
      logUnreadable(deps, 'a favorite click', request.ok ? '' : request.error);
      if (inMessage && body.response_url) await reply(unreadableRequestMessage());
      return;
    }
    const { teamId, userId } = actor.value;
    const { groupId } = request.value;
    let toggled: Awaited<ReturnType<typeof changeFavoriteByControl>>;
    try {
      toggled = await changeFavoriteByControl(deps, teamId, userId, request.value);
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
    const message = parseClickedMessage(body);
    try {
      // Slack leaves `message` out of the payload for ephemeral messages: then a short reply says what changed.
      if (message) await respond({ replace_original: true, text: message.text, blocks: withFavoriteState(message.blocks, groupId, favorite) });
      if (!message || mirror.kind !== 'mirrored') await reply(favoriteToggledMessage(toggled.name, favorite, mirror));
    } catch (error) {
      deps.logger.warn('could not update the message after a favorite toggle', { groupId, error });
    }
  });
}
