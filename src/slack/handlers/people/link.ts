/**
 * `/kpi link` and `/kpi unlink`: KPI admins link a Slack person to a Gtmhub user by hand (for
 * emails that differ), or remove such a link. The form opens at once (the trigger_id lives 3 s); a
 * submission is checked and stored before its acknowledgement, so that a refusal shows next to its
 * field. Who may: the KPI admins, checked on the command and again on the submission.
 */
import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { PeopleIds } from '../../ids.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { linkModal, linkOutcomeText, lookupRefusal, peopleResultModal, takenText, unlinkModal, unlinkOutcomeText } from '../../views/people.js';
import { PROFILE_WAIT_MS, refusalFor } from '../kpi-admin/access.js';
import { PEOPLE_UNAVAILABLE } from './whoami.js';

export type LinkMode = 'link' | 'unlink';

/** Opens the form, or returns why not (not a KPI admin, people not set up). */
export async function openLinkModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  request: { triggerId: string; userId: string },
  mode: LinkMode,
): Promise<MessageView | undefined> {
  if (!deps.people) return noticeMessage(PEOPLE_UNAVAILABLE);
  const refusal = await refusalFor(deps, client, request.userId, mode, { waitMs: PROFILE_WAIT_MS });
  if (refusal) return noticeMessage(refusal);
  await client.views.open({ trigger_id: request.triggerId, view: mode === 'link' ? linkModal() : unlinkModal() });
  return undefined;
}

/** What the submission is acknowledged with: errors next to fields, or the outcome. */
export type LinkAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ReturnType<typeof peopleResultModal> };

function refused(sentence: string, title: string): LinkAck {
  return { response_action: 'update', view: peopleResultModal(title, sentence) };
}

/** `/kpi link` submitted: the person, the Gtmhub user they are, stored. */
export async function submitLink(deps: SlackDeps, client: webApi.WebClient, actor: { teamId: string; userId: string }, state: ViewState): Promise<LinkAck> {
  const title = 'Link a person';
  if (!deps.people) return refused(PEOPLE_UNAVAILABLE, title);
  const refusal = await refusalFor(deps, client, actor.userId, 'link', { waitMs: PROFILE_WAIT_MS });
  if (refusal) return refused(refusal, title);
  const person = inputOf(state, PeopleIds.person)?.selectedUser;
  const typed = inputOf(state, PeopleIds.gtmhubUser)?.value ?? '';
  const errors: Record<string, string> = {};
  const view = await deps.people.forTeam(actor.teamId);
  const current = person === undefined ? undefined : view.gtmhubUserOf(person);
  if (person === undefined) errors[PeopleIds.person.block] = 'Choose the Slack person to link.';
  else if (current && !current.found && current.reason === 'not_a_person') errors[PeopleIds.person.block] = 'Bots and deactivated members cannot own KPIs: choose a person.';
  const lookup = deps.people.findGtmhubUser(typed);
  if (!lookup.found) errors[PeopleIds.gtmhubUser.block] = lookupRefusal(lookup);
  if (Object.keys(errors).length > 0 || person === undefined || !lookup.found) return { response_action: 'errors', errors };
  const outcome = await deps.people.link({ teamId: actor.teamId, slackUserId: person, gtmhubUserId: lookup.gtmhubUserId, createdBy: actor.userId });
  if (outcome.status === 'gtmhub_user_taken') return { response_action: 'errors', errors: { [PeopleIds.gtmhubUser.block]: takenText() } };
  deps.logger.info('a person was linked by hand', { teamId: actor.teamId, slackUserId: person, gtmhubUserId: lookup.gtmhubUserId, by: actor.userId, status: outcome.status });
  return { response_action: 'update', view: peopleResultModal(title, linkOutcomeText(outcome, lookup.name, lookup.checked)) };
}

/** `/kpi unlink` submitted: the person's manual link removed. */
export async function submitUnlink(deps: SlackDeps, client: webApi.WebClient, actor: { teamId: string; userId: string }, state: ViewState): Promise<LinkAck> {
  const title = 'Unlink a person';
  if (!deps.people) return refused(PEOPLE_UNAVAILABLE, title);
  const refusal = await refusalFor(deps, client, actor.userId, 'unlink', { waitMs: PROFILE_WAIT_MS });
  if (refusal) return refused(refusal, title);
  const person = inputOf(state, PeopleIds.person)?.selectedUser;
  if (person === undefined) return { response_action: 'errors', errors: { [PeopleIds.person.block]: 'Choose the Slack person to unlink.' } };
  const removed = await deps.people.unlink(actor.teamId, person);
  if (removed) deps.logger.info('a manual link was removed', { teamId: actor.teamId, slackUserId: person, gtmhubUserId: removed.gtmhubUserId, by: actor.userId });
  return { response_action: 'update', view: peopleResultModal(title, unlinkOutcomeText(person, removed)) };
}

