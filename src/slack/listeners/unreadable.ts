import type { ViewResponseAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { parseSubmission, type Submission } from '../payloads/requests.js';
import { resultModal } from '../views/log-modal.js';
import { UNREADABLE_FIELD, UNREADABLE_REQUEST } from '../views/help.js';

/** A request kpibot could not read (see src/slack/payloads): a warning for the operator, with why. */
export function logUnreadable(deps: Pick<SlackDeps, 'logger'>, what: string, reason: string): void {
  deps.logger.warn(`kpibot could not read ${what}; answered without acting`, { reason });
}

/**
 * What a form submission kpibot could not read is acknowledged with: the sentence next to the
 * field at fault when the codec named one, else the form turns into the sentence.
 */
export function unreadableFormAnswer(problem: { blockId?: string }, title?: string): ViewResponseAction {
  if (problem.blockId !== undefined) return { response_action: 'errors', errors: { [problem.blockId]: UNREADABLE_FIELD } };
  return { response_action: 'update', view: resultModal(UNREADABLE_REQUEST, [], title) };
}

/**
 * The submission of a form, or undefined once a submission kpibot cannot read (no user, no view,
 * a null state, an oversized field) has been logged and answered.
 */
export async function readSubmission(
  deps: Pick<SlackDeps, 'logger'>,
  body: unknown,
  what: string,
  ack: (answer: ViewResponseAction) => Promise<void>,
): Promise<Submission | undefined> {
  const submission = parseSubmission(body);
  if (submission.ok) return submission.value;
  logUnreadable(deps, what, submission.error);
  await ack(unreadableFormAnswer(submission));
  return undefined;
}
