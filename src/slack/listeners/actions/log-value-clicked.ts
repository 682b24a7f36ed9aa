import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { FORM_DID_NOT_OPEN, openLogModal } from '../../handlers/log-value-modal.js';
import { ephemeralReply } from '../../handlers/reply.js';
import { noticeMessage } from '../../views/help.js';
import { actionPattern, ActionIds, type LogButtonValue } from '../../ids.js';

/** *Log value* on a card, the details, the Home tab or a digest, or *Log 5 to …* after an unknown name: the modal, preset to that KPI (and period, value). */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(actionPattern(ActionIds.logValue), async ({ ack, body, action, client, respond }) => {
    await ack();
    const preset = parseButtonValue(action.value);
    try {
      await openLogModal(deps, client, {
        triggerId: body.trigger_id,
        userId: body.user.id,
        ...(body.channel?.id ? { channelId: body.channel.id } : {}),
        ...(preset?.kpiId ? { kpiId: preset.kpiId } : {}),
        ...(preset?.period ? { period: preset.period } : {}),
        ...(preset?.value !== undefined ? { initialValue: preset.value } : {}),
      });
    } catch (error) {
      deps.logger.error('could not open the log modal from a button', { error });
      // Buttons on the Home tab have no response_url; there the log line is all that can be done.
      if (body.response_url) await ephemeralReply(respond)(noticeMessage(FORM_DID_NOT_OPEN));
    }
  });
}

function parseButtonValue(value: string | undefined): LogButtonValue | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<LogButtonValue>;
    if (typeof parsed.kpiId !== 'string') return undefined;
    return {
      kpiId: parsed.kpiId,
      ...(typeof parsed.period === 'string' ? { period: parsed.period } : {}),
      ...(typeof parsed.value === 'number' && Number.isFinite(parsed.value) ? { value: parsed.value } : {}),
    };
  } catch {
    // Older buttons carried the bare KPI id.
    return value ? { kpiId: value } : undefined;
  }
}
