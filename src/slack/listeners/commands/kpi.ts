import type { App } from '@slack/bolt';
import { parseKpiCommand } from '../../command-text.js';
import type { SlackDeps } from '../../deps.js';
import { insightUsages } from '../../handlers/insights/insight-usages.js';
import { openNewKpiForm } from '../../handlers/kpi-admin/open-form.js';
import { safely } from '../../handlers/common/safely.js';
import { findKpis, showKpi } from '../../handlers/lookup/lookup.js';
import { historyAnswer } from '../../handlers/log-value/history.js';
import { FORM_DID_NOT_OPEN, openLogModal } from '../../handlers/log-value/modal.js';
import { logQuick } from '../../handlers/log-value/quick.js';
import { listAlerts } from '../../handlers/alerts/alert-list.js';
import { ALERTS_UNAVAILABLE, NOT_IN_A_CHANNEL, openAlertModal } from '../../handlers/alerts/alert-modal.js';
import { listDigests } from '../../handlers/digests/digest-list.js';
import { DIGESTS_UNAVAILABLE, openDigestModal } from '../../handlers/digests/digest-subscribe.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { disconnect, openConnectModal } from '../../handlers/connect/connect.js';
import { listFavorites, toggleFavoriteByName } from '../../handlers/favorites/favorite-groups.js';
import { refreshHome } from '../../handlers/home/publish-home.js';
import { openLinkModal } from '../../handlers/people/link.js';
import { mineAnswer, whoamiAnswer } from '../../handlers/people/whoami.js';
import { setCheckinOptOut } from '../../handlers/checkins/opt-out.js';
import { CHECKINS_UNAVAILABLE, openReminderModal } from '../../handlers/checkins/reminder-modal.js';
import { listReminders } from '../../handlers/checkins/reminder-list.js';
import { setPersonalCheckin } from '../../handlers/checkins/remind-me.js';
import { parseSlashCommand } from '../../payloads/requests.js';
import { helpMessage, noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import { afterAck } from '../after-ack.js';
import { logUnreadable } from '../unreadable.js';

/**
 * `/kpi …`: acknowledged first (Slack's 3 s), then answered through the command's response_url.
 * Subcommands that open a modal do so before any other I/O, while the trigger_id is fresh.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command('/kpi', async ({ command, ack, respond, client }) => {
    await ack();
    await afterAck();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const reply = ephemeralReply(deps.responseUrls.respondTo(command.response_url, respond));
    const slash = parseSlashCommand(command);
    if (!slash.ok) {
      logUnreadable(deps, 'a /kpi command', slash.error);
      return reply(unreadableRequestMessage());
    }
    const cmd = slash.value;
    const parsed = parseKpiCommand(cmd.text);
    const profile = () => deps.profiles.get(client, cmd.userId);
    switch (parsed.kind) {
      case 'help':
        return reply(helpMessage());
      case 'usage':
        return reply(noticeMessage(parsed.sentence));
      case 'find':
        return reply(await safely(deps, 'looking up KPIs', async () => findKpis(deps, parsed.query, await profile(), cmd.teamId)));
      case 'show':
        return reply(await safely(deps, 'looking up the KPI', async () => showKpi(deps, { text: parsed.ref }, await profile(), cmd.teamId, parsed.weeks === undefined ? {} : { weeks: parsed.weeks })));
      case 'digest':
        if (!deps.digests) return reply(noticeMessage(DIGESTS_UNAVAILABLE));
        try {
          await openDigestModal(deps, client, { triggerId: cmd.triggerId, userId: cmd.userId, channelId: cmd.channelId });
        } catch (error) {
          deps.logger.error('could not open the digest modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'digest-list':
        return reply(await safely(deps, 'reading the digests of this channel', () => listDigests(deps, cmd.teamId, cmd.channelId)));
      case 'alert': {
        if (!deps.alerts) return reply(noticeMessage(ALERTS_UNAVAILABLE));
        // A DM's id starts with D: a channel alert needs a channel (a personal one works from anywhere).
        if (!parsed.personal && cmd.channelId.startsWith('D')) return reply(noticeMessage(NOT_IN_A_CHANNEL));
        try {
          await openAlertModal(deps, client, { triggerId: cmd.triggerId, teamId: cmd.teamId, userId: cmd.userId, channelId: cmd.channelId, personal: parsed.personal });
        } catch (error) {
          deps.logger.error('could not open the alert modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      }
      case 'alert-list':
        return reply(await safely(deps, 'reading the alerts', () => listAlerts(deps, client, cmd.teamId, cmd.channelId, cmd.userId)));
      case 'history':
        return reply(await safely(deps, 'reading your history', () => historyAnswer(deps, client, cmd.teamId, cmd.userId)));
      case 'favorites':
        return reply(await safely(deps, 'reading your favorite groups', () => listFavorites(deps, cmd.teamId, cmd.userId)));
      case 'favorite-toggle':
        return reply(
          await safely(deps, 'changing your favorite groups', async () => {
            const { message, toggled } = await toggleFavoriteByName(deps, cmd.teamId, cmd.userId, parsed.group);
            if (toggled) refreshHome(deps, client, cmd.teamId, cmd.userId);
            return message;
          }),
        );
      case 'connect':
        try {
          const refusal = await openConnectModal(deps, client, cmd.triggerId);
          if (refusal) await reply(refusal);
        } catch (error) {
          deps.logger.error('could not open the connect modal', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'disconnect':
        return reply(
          await safely(deps, 'disconnecting your Gtmhub token', async () => {
            const message = await disconnect(deps, cmd.teamId, cmd.userId);
            refreshHome(deps, client, cmd.teamId, cmd.userId);
            return message;
          }),
        );
      case 'new-kpi':
        try {
          const refusal = await openNewKpiForm(deps, client, { triggerId: cmd.triggerId, teamId: cmd.teamId, userId: cmd.userId, channelId: cmd.channelId, responseUrl: cmd.responseUrl });
          if (refusal) await reply(refusal);
        } catch (error) {
          deps.logger.error('could not open the new KPI form', { error });
          await reply(noticeMessage('Slack did not let kpibot open the form in time: please run /kpi new again.'));
        }
        return;
      case 'remind':
        if (!deps.checkins) return reply(noticeMessage(CHECKINS_UNAVAILABLE));
        try {
          await openReminderModal(deps, client, { triggerId: cmd.triggerId, userId: cmd.userId, channelId: cmd.channelId });
        } catch (error) {
          deps.logger.error('could not open the reminder form', { error });
          await reply(noticeMessage(FORM_DID_NOT_OPEN));
        }
        return;
      case 'remind-list':
        return reply(await safely(deps, 'reading the check-in reminders of this channel', () => listReminders(deps, cmd.teamId, cmd.channelId)));
      case 'remind-me':
        return reply(
          await safely(deps, 'setting your check-in', () =>
            setPersonalCheckin(deps, { teamId: cmd.teamId, userId: cmd.userId, channelId: cmd.channelId, weekday: parsed.weekday, time: parsed.time }),
          ),
        );
      case 'remind-optout':
        return reply(await safely(deps, 'changing your check-in reminders', () => setCheckinOptOut(deps, cmd.teamId, cmd.userId, parsed.off)));
      case 'whoami':
        return reply(await safely(deps, 'finding your Gtmhub user', () => whoamiAnswer(deps, cmd.teamId, cmd.userId)));
      case 'mine':
        return reply(await safely(deps, 'listing the KPIs you own', () => mineAnswer(deps, client, cmd.teamId, cmd.userId)));
      case 'link':
      case 'unlink':
        try {
          const refusal = await openLinkModal(deps, client, { triggerId: cmd.triggerId, userId: cmd.userId }, parsed.kind);
          if (refusal) await reply(refusal);
        } catch (error) {
          deps.logger.error(`could not open the ${parsed.kind} form`, { error });
          await reply(noticeMessage(`Slack did not let kpibot open the form in time: please run /kpi ${parsed.kind} again.`));
        }
        return;
      case 'insight':
        return reply(await safely(deps, `listing the KPIs of the insight “${parsed.insightId}”`, async () => insightUsages(deps, parsed.insightId, await profile(), cmd.teamId)));
      case 'log-modal':
        try {
          await openLogModal(deps, client, { triggerId: cmd.triggerId, userId: cmd.userId, channelId: cmd.channelId });
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
            teamId: cmd.teamId,
            userId: cmd.userId,
            channelId: cmd.channelId,
            triggerId: cmd.triggerId,
          })) ?? { text: '', blocks: [] },
        );
        if (message.blocks.length > 0) await reply(message);
        return;
      }
    }
  });
}
