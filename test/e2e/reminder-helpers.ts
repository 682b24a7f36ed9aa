/**
 * Setting up check-in reminders the way people do: `/kpi remind` in a channel, the form filled in
 * and submitted through the Slack simulator. Shared by the check-in suites (one app, two replicas).
 */
import type { SimView, SlackDriver, SlackSimulator } from '../../src/sandbox/slack/index.js';
import { ReminderIds, ReminderInputIds } from '../../src/slack/ids.js';

export interface ReminderForm {
  include: 'kpis' | 'groups' | 'channel_digests';
  kpiIds?: string[];
  groupIds?: string[];
  period?: 'this_week' | 'last_week';
  weekday?: string;
  time?: string;
  zoneMode?: 'own' | 'fixed';
  zone?: string;
}

export function reminderFormState(form: ReminderForm): { values: Record<string, Record<string, unknown>> } {
  const ids = ReminderInputIds;
  const selected = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  return {
    values: {
      [ids.include.block]: { [ids.include.action]: { type: 'radio_buttons', selected_option: selected(form.include) } },
      [ids.kpis.block]: { [ids.kpis.action]: { type: 'multi_external_select', selected_options: (form.kpiIds ?? []).map(selected) } },
      [ids.groups.block]: { [ids.groups.action]: { type: 'multi_external_select', selected_options: (form.groupIds ?? []).map(selected) } },
      [ids.period.block]: { [ids.period.action]: { type: 'radio_buttons', selected_option: selected(form.period ?? 'this_week') } },
      [ids.weekday.block]: { [ids.weekday.action]: { type: 'static_select', selected_option: selected(form.weekday ?? '1') } },
      [ids.time.block]: { [ids.time.action]: { type: 'timepicker', selected_time: form.time ?? '09:00' } },
      [ids.zoneMode.block]: { [ids.zoneMode.action]: { type: 'radio_buttons', selected_option: selected(form.zoneMode ?? 'own') } },
      [ids.zone.block]: { [ids.zone.action]: { type: 'external_select', selected_option: form.zone ? selected(form.zone) : null } },
    },
  };
}

/** Runs `/kpi remind` in `channelId` and resolves with the view once it is the form (or what replaced the loading view). */
export async function openReminderForm(slack: SlackSimulator, driver: SlackDriver, channelId: string, userId: string): Promise<SimView> {
  const before = slack.views.opened.length;
  await driver.command('remind', { userId, channelId });
  await slack.waitFor(() => slack.views.opened.length > before, 10_000);
  const id = slack.views.opened.at(-1)!.id;
  await slack.waitFor(() => {
    const view = slack.views.byId(id);
    return view?.callback_id === ReminderIds.modal || !JSON.stringify(view?.blocks ?? []).includes('Loading…');
  }, 10_000);
  return slack.views.byId(id)!;
}

/** Opens the form in `channelId`, submits `form`, and returns the app's answer to the submission. */
export async function submitReminderForm(slack: SlackSimulator, driver: SlackDriver, channelId: string, userId: string, form: ReminderForm) {
  const view = await openReminderForm(slack, driver, channelId, userId);
  if (view.callback_id !== ReminderIds.modal) throw new Error(`the reminder form did not open: ${JSON.stringify(view.blocks)}`);
  return driver.submitView({ view: { ...view, state: reminderFormState(form) }, user: userId });
}
