import type { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { DigestSubscription } from '../../../digests/types.js';
import { DigestScheduleError } from '../../../digests/schedule.js';
import { DigestSubscriptionNotFoundError } from '../../../store/digest-errors.js';
import { systemClock } from '../../../time/clock.js';
import { isValidZone } from '../../../time/zones.js';
import type { DigestSlackDeps } from '../../digest-deps.js';
import type { SlackDeps } from '../../deps.js';
import { DigestInputIds } from '../../ids.js';
import { digestModal, WEEKDAYS, type DigestModalModel } from '../../views/digests/digest-modal.js';
import { loadingModal, resultModal } from '../../views/log-modal.js';
import { checkChannelAccess, type ChannelAccess } from '../common/channel-access.js';
import { parseDigestModalMetadata } from '../../payloads/metadata.js';
import type { ViewState } from '../../payloads/view-state.js';
import { keepGroupsNotShown, readDigestForm, validateDigestForm, type DigestFields } from './digest-form.js';

const TITLE = 'Weekly KPI digest';
/** What the modal answers when kpibot runs without the digest store (it cannot happen in src/kpibot.ts). */
export const DIGESTS_UNAVAILABLE = 'Weekly digests are not set up on this kpibot: ask whoever runs it.';
/** Slack drops a view_submission answer after 3 s; past this, kpibot answers "Checking…" and goes on. */
const SUBMIT_BUDGET_MS = 2_000;

export interface OpenDigestModalRequest {
  triggerId: string;
  userId: string;
  /** The channel the command ran in: preselected. */
  channelId: string;
  /** Edit: the subscription to fill the form with. */
  subscription?: DigestSubscription;
}

/**
 * Opens the subscribe (or edit) modal. A loading view goes up first, before any other I/O, because
 * the trigger_id expires 3 s after the user acted; the form replaces it once the KPI groups and the
 * user's zone are known. `refusal` (a sentence) replaces the form instead, e.g. from the button check.
 */
export async function openDigestModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  request: OpenDigestModalRequest,
  check?: () => Promise<ChannelAccess>,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingModal(TITLE, 'Loading…') });
  const viewId = opened.view?.id;
  if (!viewId) return;
  try {
    const access = check ? await check() : { ok: true as const };
    if (!access.ok) {
      await client.views.update({ view_id: viewId, view: resultModal(access.sentence, [], TITLE) });
      return;
    }
    const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, request.userId)]);
    const sub = request.subscription;
    const model: DigestModalModel = sub
      ? {
          channelId: sub.channelId,
          include: sub.selection.kind,
          kpis: sub.selection.kind === 'kpis' ? sub.selection.kpiIds.map((id) => ({ id, name: catalogue.byId.get(id)?.name ?? `${id} (deleted)` })) : [],
          groups: sub.selection.kind === 'groups' ? sub.selection.groupIds.map((id) => ({ id, name: catalogue.groupNames.get(id) ?? id })) : [],
          weekday: sub.weekday,
          time: sub.time,
          zone: sub.zone,
          skipWhenUnchanged: sub.skipWhenUnchanged,
          listNotUpdated: sub.listNotUpdated,
          includeChart: sub.includeChart,
          subscriptionId: sub.id,
        }
      : {
          channelId: request.channelId,
          include: 'kpis',
          kpis: [],
          groups: [],
          weekday: 1,
          time: '09:00',
          // A profile may carry a fixed offset when Slack gave no usable zone: that would not follow DST.
          zone: isValidZone(profile.zone) ? profile.zone : 'UTC',
          skipWhenUnchanged: false,
          listNotUpdated: true,
          includeChart: true,
        };
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: digestModal(model) });
  } catch (error) {
    deps.logger.error('could not fill the digest modal', { error });
    await client.views.update({ view_id: viewId, view: resultModal('kpibot could not load the KPI list from Gtmhub: please close this and try again in a minute.', [], TITLE) });
  }
}

/** What the view_submission listener answers Slack with. */
export type SubmissionAck =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ReturnType<typeof resultModal> };

export interface DigestSubmission {
  teamId: string;
  userId: string;
  viewId: string;
  state: ViewState;
  privateMetadata: string;
}

/**
 * The modal was submitted: field errors go back next to the fields; then the channel is checked
 * (member? kpibot invited?) — a refusal goes next to the channel field — and the subscription is
 * saved. When Slack's channel checks are slow, the modal says "Checking…" and the outcome follows.
 */
export async function submitDigestModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  submission: DigestSubmission,
  ack: (response: SubmissionAck) => Promise<void>,
): Promise<void> {
  const digests = deps.digests;
  if (!digests) return ack(outcome(DIGESTS_UNAVAILABLE));
  const form = validateDigestForm(readDigestForm(submission.state));
  if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
  const fields = form.fields;

  let acked = false;
  const cancelBudget = (deps.clock ?? systemClock).after(SUBMIT_BUDGET_MS, () => {
    acked = true;
    ack(outcome('Checking the channel…')).catch((error: unknown) => deps.logger.warn('could not acknowledge the digest modal', { error }));
  });
  const finish = async (sentence: string, fieldError?: string): Promise<void> => {
    cancelBudget();
    if (!acked) {
      acked = true;
      return ack(fieldError ? { response_action: 'errors', errors: { [DigestInputIds.channel.block]: fieldError } } : outcome(sentence));
    }
    await client.views.update({ view_id: submission.viewId, view: resultModal(sentence, [], TITLE) });
  };

  try {
    const access = await checkChannelAccess(client, fields.channelId, submission.userId, { join: true });
    if (!access.ok) return await finish(access.sentence, access.sentence);
    const metadata = parseDigestModalMetadata(submission.privateMetadata);
    // Unreadable metadata cannot name a subscription to change: saving it as a new one would duplicate it.
    if (!metadata.ok) return await finish('kpibot could not read which digest this form edits: close it and click Edit in /kpi digest list again.');
    const { subscriptionId } = metadata.value;
    const saved = await save(digests, submission, fields, subscriptionId);
    await finish(confirmation(saved, access.channelName, subscriptionId !== undefined));
  } catch (error) {
    deps.logger.error('could not save a digest subscription', { error });
    await finish(failureSentence(error));
  }
}

async function save(digests: DigestSlackDeps, submission: DigestSubmission, fields: DigestFields, subscriptionId: string | undefined): Promise<DigestSubscription> {
  if (!subscriptionId) return digests.subscriptions.create({ ...fields, teamId: submission.teamId, ownerUserId: submission.userId });
  const before = await digests.subscriptions.get(subscriptionId);
  return digests.subscriptions.update(subscriptionId, before ? keepGroupsNotShown(fields, before) : fields);
}

/** `#kpis gets the weekly digest every Monday at 09:00 (Europe/Berlin); the first on Mon, Dec 7.` */
function confirmation(sub: DigestSubscription, channelName: string, edited: boolean): string {
  const first = DateTime.fromJSDate(sub.nextRunAt, { zone: sub.zone }).setLocale('en-US').toFormat('ccc, LLL d');
  const when = `every ${WEEKDAYS[sub.weekday - 1]} at ${sub.time} (${sub.zone})`;
  return edited
    ? `Saved: ${channelName} gets the weekly digest ${when}; the next on ${first}.`
    : `Subscribed: ${channelName} gets the weekly digest ${when}; the first on ${first}. See or change it with /kpi digest list.`;
}

function failureSentence(error: unknown): string {
  if (error instanceof DigestScheduleError) return error.message;
  if (error instanceof DigestSubscriptionNotFoundError) return 'That digest was removed meanwhile: set it up again with /kpi digest.';
  return 'kpibot could not check the channel or save the digest: please try again in a minute.';
}

function outcome(sentence: string): SubmissionAck {
  return { response_action: 'update', view: resultModal(sentence, [], TITLE) };
}
