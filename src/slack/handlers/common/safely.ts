import { describeFailure, operatorHint } from '../../../kpis/failure-sentences.js';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';

/** Runs a handler and turns any failure into one sentence for the user (and a log line for us). */
export async function safely(deps: Pick<SlackDeps, 'logger'>, doing: string, work: () => Promise<MessageView>): Promise<MessageView> {
  try {
    return await work();
  } catch (error) {
    const hint = operatorHint(error);
    deps.logger.error(`failed while ${doing}`, { error, ...(hint ? { hint } : {}) });
    return noticeMessage(describeFailure(error, doing));
  }
}
