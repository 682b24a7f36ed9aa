import type { App } from '@slack/bolt';
import { parseKpiCommand } from '../../command-text.js';
import type { SlackDeps } from '../../deps.js';
import { insightUsages } from '../../handlers/insight-usages.js';
import { openNewKpiForm } from '../../handlers/kpi-admin.js';
import { findKpis, safely, showKpi } from '../../handlers/lookup.js';
import { historyAnswer } from '../../handlers/history.js';
import { FORM_DID_NOT_OPEN, openLogModal } from '../../handlers/log-value-modal.js';
import { logQuick } from '../../handlers/log-value-quick.js';
import { listDigests } from '../../handlers/digests/digest-list.js';
import { DIGESTS_UNAVAILABLE, openDigestModal } from '../../handlers/digests/digest-subscribe.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { disconnect, openConnectModal } from '../../handlers/connect.js';
import { listFavorites, toggleFavoriteByName } from '../../handlers/favorites.js';
import { refreshHome } from '../../handlers/home.js';
import { helpMessage, noticeMessage } from '../../views/help.js';

/**
 * `/kpi …`: acknowledged first (Slack's 3 s), then answered through the command's response_url.
 * Subcommands that open a modal do so before any other I/O, while the trigger_id is fresh.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command('/kpi', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = ephemeralReply(respond);
    const parsed = parseKpiCommand(command.text);
    const profile = () => deps.profiles.get(client, command.user_id);
    switch (parsed.kind) {
      case 'help':
        return reply(helpMessage());
      case 'usage':
        return reply(noticeMessage(parsed.sentence));
      case 'find':
        return reply(await safely(deps, 'looking up KPIs', async () => findKpis(deps, parsed.query, await profile(), command.team_id)));
      case 'show':
        return reply(await safely(deps, 'looking up the KPI', async () => showKpi(deps, { text: parsed.ref }, await profile(), command.team_id)));
      case 'digest':
        if (!deps.digests) return reply(noticeMessage(DIGESTS_UNAVAILABLE));
        try {
          await openDigestModal(deps, client, { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id });
        } catch (error) {
          deps.logger.error('could not open the digest modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'digest-list':
        return reply(await safely(deps, 'reading the digests of this channel', () => listDigests(deps, command.team_id, command.channel_id)));
      case 'history':
        return reply(await safely(deps, 'reading your history', () => historyAnswer(deps, client, command.team_id, command.user_id)));
      case 'favorites':
        return reply(await safely(deps, 'reading your favorite groups', () => listFavorites(deps, command.team_id, command.user_id)));
      case 'favorite-toggle':
        return reply(
          await safely(deps, 'changing your favorite groups', async () => {
            const { message, toggled } = await toggleFavoriteByName(deps, command.team_id, command.user_id, parsed.group);
            if (toggled) refreshHome(deps, client, command.team_id, command.user_id);
            return message;
          }),
        );
      case 'connect':
        try {
          const refusal = await openConnectModal(deps, client, command.trigger_id);
          if (refusal) await reply(refusal);
        } catch (error) {
          deps.logger.error('could not open the connect modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'disconnect':
        return reply(
          await safely(deps, 'disconnecting your Gtmhub token', async () => {
            const message = await disconnect(deps, command.team_id, command.user_id);
            refreshHome(deps, client, command.team_id, command.user_id);
            return message;
          }),
        );
      case 'new-kpi':
        try {
          const refusal = await openNewKpiForm(deps, client, { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id, responseUrl: command.response_url });
          if (refusal) await reply(refusal);
        } catch (error) {
          deps.logger.error('could not open the new KPI form', { error });
          await reply(noticeMessage('Slack did not let kpibot open the form in time: please run /kpi new again.'));
        }
        return;
      case 'insight':
        return reply(await safely(deps, `listing the KPIs of the insight “${parsed.insightId}”`, async () => insightUsages(deps, parsed.insightId, await profile(), command.team_id)));
      case 'log-modal':
        try {
          await openLogModal(deps, client, { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id });
        } catch (error) {
          deps.logger.error('could not open the log modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'log': {
        const message = await safely(deps, 'recording the value', async () =>
          (await logQuick(deps, client, {
            kpiRef: parsed.kpiRef,
            valueText: parsed.valueText,
            periodText: parsed.periodText,
            teamId: command.team_id,
            userId: command.user_id,
            channelId: command.channel_id,
            triggerId: command.trigger_id,
          })) ?? { text: '', blocks: [] },
        );
        if (message.blocks.length > 0) await reply(message);
        return;
      }
    }
  });
}
