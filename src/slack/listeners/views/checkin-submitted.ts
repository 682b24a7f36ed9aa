import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { checkCheckinForm, recordCheckin } from '../../handlers/checkins/check-in.js';
import { CheckinIds } from '../../ids.js';
import { parseCheckinModalMetadata } from '../../payloads/metadata.js';
import { checkinNoticeModal } from '../../views/checkins/check-in-modal.js';
import { readSubmission, unreadableFormAnswer, logUnreadable } from '../unreadable.js';

/**
 * The Check in modal was submitted. Bad values go back next to their fields (nothing recorded);
 * valid ones turn the modal into "Recording…" at once, and the outcome replaces it.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(CheckinIds.modal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted Check in form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    const metadata = parseCheckinModalMetadata(view.privateMetadata);
    if (!metadata.ok) {
      logUnreadable(deps, 'the Check in form’s metadata', metadata.error);
      await ack(unreadableFormAnswer({}));
      return;
    }
    const checked = checkCheckinForm(view.state, metadata.value);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack({ response_action: 'update', view: checkinNoticeModal(`:hourglass_flowing_sand: Recording ${checked.values.length === 1 ? 'your value' : `${checked.values.length} values`}…`) });
    const target = { teamId: actor.teamId, userId: actor.userId, reminderId: metadata.value.r, period: metadata.value.p };
    try {
      await recordCheckin(deps, client, { viewId: view.id, target, metadata: metadata.value, values: checked.values, typed: checked.typed });
    } catch (error) {
      deps.logger.error('recording a Check in failed', { error, reminderId: target.reminderId });
      const sentence = 'kpibot could not finish recording your check-in; /kpi history shows what was recorded before you try again.';
      await client.views.update({ view_id: view.id, view: checkinNoticeModal(sentence) }).catch(() => undefined);
    }
  });
}
