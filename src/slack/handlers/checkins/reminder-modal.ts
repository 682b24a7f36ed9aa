/**
 * The check-in reminder form: `/kpi remind` opens it for the channel it runs in (*Edit* in the list
 * for a reminder), and its submission saves the reminder and schedules its people at once. Only
 * members of the channel manage its reminders: checked when the form opens and again on save.
 */
import type { webApi } from '@slack/bolt';
import type { CheckinReminder } from '../../../checkins/types.js';
import { systemClock } from '../../../time/clock.js';
import { isValidZone } from '../../../time/zones.js';
import type { CheckinSlackDeps } from '../../checkin-deps.js';
import type { SlackDeps } from '../../deps.js';
import { ReminderInputIds } from '../../ids.js';
import { parseReminderModalMetadata } from '../../payloads/metadata.js';
import type { ViewState } from '../../payloads/view-state.js';
import { reminderModal, type ReminderModalModel } from '../../views/checkins/reminder-modal.js';
import { savedSentence } from '../../views/checkins/reminder-text.js';
import { loadingModal, resultModal } from '../../views/log-modal.js';
import { checkChannelAccess } from '../common/channel-access.js';
import { readReminderForm, validateReminderForm } from './reminder-form.js';

const TITLE = 'Check-in reminder';
export const CHECKINS_UNAVAILABLE = 'Check-in reminders are not set up in this kpibot.';
export const REMINDERS_FEATURE = 'check-in reminders';
/** Slack drops a view_submission answer after 3 s; past this, kpibot answers "Saving…" and goes on. */
const SUBMIT_BUDGET_MS = 2_000;

export interface OpenReminderModalRequest {
  triggerId: string;
  userId: string;
  channelId: string;
  reminder?: CheckinReminder;
}

/** Opens the form: a loading view first (the trigger_id lasts 3 s), then the membership check, then the form. */
export async function openReminderModal(deps: SlackDeps, client: webApi.WebClient, request: OpenReminderModalRequest): Promise<void> {
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingModal(TITLE, 'Loading…') });
  const viewId = opened.view?.id;
  if (!viewId) return;
  try {
    const access = await checkChannelAccess(client, request.channelId, request.userId, { feature: REMINDERS_FEATURE });
    if (!access.ok) {
      await client.views.update({ view_id: viewId, view: resultModal(access.sentence, [], TITLE) });
      return;
    }
    const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, request.userId)]);
    const r = request.reminder;
    const suggestedZone = isValidZone(profile.zone) ? profile.zone : 'UTC';
    const model: ReminderModalModel = r
      ? {
          channelId: r.channelId,
          include: r.selection.kind === 'owned' ? 'kpis' : r.selection.kind,
          kpis: r.selection.kind === 'kpis' ? r.selection.kpiIds.map((id) => ({ id, name: catalogue.byId.get(id)?.name ?? `${id} (deleted)` })) : [],
          groups: r.selection.kind === 'groups' ? r.selection.groupIds.map((id) => ({ id, name: catalogue.groupNames.get(id) ?? id })) : [],
          period: r.period,
          weekday: r.weekday,
          time: r.time,
          zone: r.zone,
          suggestedZone,
          reminderId: r.id,
        }
      : { channelId: request.channelId, include: 'kpis', kpis: [], groups: [], period: 'this_week', weekday: 1, time: '09:00', zone: null, suggestedZone };
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: reminderModal(model) });
  } catch (error) {
    deps.logger.error('could not fill the reminder form', { error });
    await client.views.update({ view_id: viewId, view: resultModal('kpibot could not load the KPI list from Gtmhub: please close this and try again in a minute.', [], TITLE) });
  }
}

export type ReminderSubmissionAck =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ReturnType<typeof resultModal> };

export interface ReminderSubmission {
  teamId: string;
  userId: string;
  viewId: string;
  state: ViewState;
  privateMetadata: string;
}

/** The form was submitted: field errors next to their fields, a refused member next to the first field, else saved. */
export async function submitReminderModal(deps: SlackDeps, client: webApi.WebClient, submission: ReminderSubmission, ack: (response: ReminderSubmissionAck) => Promise<void>): Promise<void> {
  const checkins = deps.checkins;
  if (!checkins) return ack(outcome(CHECKINS_UNAVAILABLE));
  const form = validateReminderForm(readReminderForm(submission.state));
  if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
  const metadata = parseReminderModalMetadata(submission.privateMetadata);
  // Without its channel or the reminder it edits, saving could put a reminder in the wrong place or twice.
  if (!metadata.ok) return ack(outcome('kpibot could not read which channel this form is for: close it and run /kpi remind again.'));
  const { channelId, reminderId } = metadata.value;

  let acked = false;
  const cancelBudget = (deps.clock ?? systemClock).after(SUBMIT_BUDGET_MS, () => {
    acked = true;
    ack(outcome('Saving…')).catch((error: unknown) => deps.logger.warn('could not acknowledge the reminder form', { error }));
  });
  const finish = async (sentence: string, fieldError?: string): Promise<void> => {
    cancelBudget();
    if (!acked) {
      acked = true;
      return ack(fieldError ? { response_action: 'errors', errors: { [ReminderInputIds.include.block]: fieldError } } : outcome(sentence));
    }
    await client.views.update({ view_id: submission.viewId, view: resultModal(sentence, [], TITLE) });
  };
  try {
    const access = await checkChannelAccess(client, channelId, submission.userId, { feature: REMINDERS_FEATURE });
    if (!access.ok) return await finish(access.sentence, access.sentence);
    const saved = await save(checkins, submission, channelId, reminderId, form.fields);
    if (!saved) return await finish('That reminder was removed meanwhile: set it up again with /kpi remind.');
    await finish(savedSentence(saved.reminder, saved.roster, reminderId !== undefined));
  } catch (error) {
    deps.logger.error('could not save a check-in reminder', { error });
    await finish('kpibot could not save the reminder: please try again in a minute.');
  }
}

async function save(checkins: CheckinSlackDeps, submission: ReminderSubmission, channelId: string, reminderId: string | undefined, fields: Parameters<CheckinSlackDeps['checkinReminders']['update']>[1]) {
  if (reminderId !== undefined) return checkins.checkinReminders.update(reminderId, fields);
  return checkins.checkinReminders.create({ ...fields, teamId: submission.teamId, channelId, createdBy: submission.userId, personalFor: null });
}

function outcome(sentence: string): ReminderSubmissionAck {
  return { response_action: 'update', view: resultModal(sentence, [], TITLE) };
}
