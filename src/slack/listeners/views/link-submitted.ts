import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { submitLink, submitUnlink, type LinkAck } from '../../handlers/people/link.js';
import { refreshHome } from '../../handlers/home/publish-home.js';
import { PeopleIds } from '../../ids.js';
import { peopleResultModal } from '../../views/people.js';
import { readSubmission } from '../unreadable.js';

/**
 * The /kpi link and /kpi unlink forms were submitted: checked and stored before the ack, because a
 * refusal belongs next to its field (response_action "errors"), which only the ack can do. The
 * person's Home is republished so that *Your KPIs* follows the link.
 */
export function register(app: App, deps: SlackDeps): void {
  for (const [callbackId, submit, title] of [
    [PeopleIds.linkModal, submitLink, 'Link a person'],
    [PeopleIds.unlinkModal, submitUnlink, 'Unlink a person'],
  ] as const) {
    app.view(callbackId, async ({ ack, body, client }) => {
      const submission = await readSubmission(deps, body, `a submitted ${title.toLowerCase()} form`, (answer) => ack(answer));
      if (!submission) return;
      const { actor, view } = submission;
      let answer: LinkAck;
      try {
        answer = await submit(deps, client, actor, view.state);
      } catch (error) {
        deps.logger.error('could not change a manual link', { error });
        answer = { response_action: 'update', view: peopleResultModal(title, 'kpibot could not save this just now, and nothing changed: please try again in a minute.') };
      }
      await ack(answer);
      const person = view.state.get(PeopleIds.person.block)?.get(PeopleIds.person.action)?.selectedUser;
      if (answer.response_action === 'update' && person !== undefined) refreshHome(deps, client, actor.teamId, person);
    });
  }
}
