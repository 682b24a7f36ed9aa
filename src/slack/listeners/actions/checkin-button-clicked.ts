import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ephemeralReply } from '../../handlers/common/reply.js';
import { openCheckinModal, type CheckinTarget } from '../../handlers/checkins/check-in.js';
import { skipKpiThisWeek, snoozeCheckin, stopReminder } from '../../handlers/checkins/dm-actions.js';
import { CheckinIds } from '../../ids.js';
import { parseCheckinButtonValue } from '../../payloads/button-values.js';
import { parseActor } from '../../payloads/requests.js';
import { noticeMessage, unreadableRequestMessage } from '../../views/help.js';
import { afterAck } from '../after-ack.js';
import { logUnreadable } from '../unreadable.js';

const FAILED = 'kpibot could not do that just now (it logged why): try again in a minute.';

/** What a check-in DM's button or select names: who clicked, the reminder, the period (and the KPI). */
function targetOf(body: BlockAction, value: unknown): (CheckinTarget & { kpiId?: string }) | string {
  const actor = parseActor(body);
  if (!actor.ok) return actor.error;
  const button = parseCheckinButtonValue(value);
  if (!button.ok) return button.error;
  return { teamId: actor.value.teamId, userId: actor.value.userId, reminderId: button.value.r, period: button.value.p, ...(button.value.k ? { kpiId: button.value.k } : {}) };
}

function valueOf(action: BlockElementAction): unknown {
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

/** The check-in DM's buttons: Check in (the modal), Snooze 1 hour / Tomorrow morning, Not this week…, Stop reminders. */
export function register(app: App, deps: SlackDeps): void {
  const ids = [CheckinIds.checkIn, CheckinIds.snoozeHour, CheckinIds.snoozeMorning, CheckinIds.notThisWeek, CheckinIds.stop];
  app.action<BlockAction>({ action_id: new RegExp(`^(${ids.join('|')})$`) }, async ({ ack, body, action, client, respond: boltRespond }) => {
    await ack();
    // Replies go through kpibot's poster (response-urls.ts); Bolt's respond only when there is no response_url.
    const respond = deps.responseUrls.respondTo(body.response_url, boltRespond);
    await afterAck();
    const reply = ephemeralReply(respond);
    const target = targetOf(body, valueOf(action));
    if (typeof target === 'string') {
      logUnreadable(deps, 'a check-in DM click', target);
      await reply(unreadableRequestMessage());
      return;
    }
    try {
      switch (action.action_id) {
        case CheckinIds.checkIn:
          await openCheckinModal(deps, client, body.trigger_id, target);
          return;
        case CheckinIds.snoozeHour:
        case CheckinIds.snoozeMorning:
          await reply(await snoozeCheckin(deps, client, target, action.action_id === CheckinIds.snoozeHour ? 'hour' : 'morning'));
          return;
        case CheckinIds.notThisWeek: {
          if (target.kpiId === undefined) return;
          const answer = await skipKpiThisWeek(deps, client, target, target.kpiId);
          if (answer) await reply(answer);
          return;
        }
        case CheckinIds.stop:
          await reply(await stopReminder(deps, target));
          return;
      }
    } catch (error) {
      deps.logger.error('a check-in DM click failed', { actionId: action.action_id, reminderId: target.reminderId, error });
      await reply(noticeMessage(FAILED)).catch(() => undefined);
    }
  });
}
