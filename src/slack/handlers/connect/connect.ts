import type { webApi } from '@slack/bolt';
import { DISABLED_SENTENCE } from '../../../personal-tokens/personal-tokens.js';
import type { SlackDeps } from '../../deps.js';
import { ActionIds, BlockIds } from '../../ids.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';
import { connectedModal, connectModal } from '../../views/connect.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';

/**
 * `/kpi connect`: the modal opens at once (the trigger_id lives 3 s); without KPIBOT_SECRET_KEY
 * there is nowhere safe to keep a token, so the user is told why instead.
 */
export async function openConnectModal(deps: SlackDeps, client: webApi.WebClient, triggerId: string): Promise<MessageView | undefined> {
  if (!deps.personalTokens.enabled) return noticeMessage(DISABLED_SENTENCE);
  await client.views.open({ trigger_id: triggerId, view: connectModal(deps.personalTokens.gtmhubAppUrl) });
  return undefined;
}

/** What the view_submission is acknowledged with: the error next to the field, or the confirmation. */
export type ConnectAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ReturnType<typeof connectedModal> };

/** Checks and stores the pasted token; the answer must reach Slack within 3 s (the check is bounded to 2 s). */
export async function submitConnect(deps: SlackDeps, teamId: string, userId: string, state: ViewState): Promise<ConnectAck> {
  const pasted = inputOf(state, { block: BlockIds.gtmhubToken, action: ActionIds.gtmhubTokenInput })?.value ?? '';
  const result = await deps.personalTokens.connect(teamId, userId, pasted);
  if (!result.ok) return { response_action: 'errors', errors: { [BlockIds.gtmhubToken]: result.sentence } };
  return { response_action: 'update', view: connectedModal() };
}

/** `/kpi disconnect`. */
export async function disconnect(deps: SlackDeps, teamId: string, userId: string): Promise<MessageView> {
  const removed = await deps.personalTokens.disconnect(teamId, userId);
  return noticeMessage(
    removed
      ? 'Disconnected: kpibot forgot your Gtmhub token and acts with the shared workspace token again.'
      : 'You had not connected a Gtmhub token, so kpibot already uses the shared workspace token for you.',
  );
}
