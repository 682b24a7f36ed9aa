/**
 * The workbench's check-in commands, for trying a check-in DM without waiting for Monday:
 * `checkin` sets up a reminder in the current channel covering every KPI, due for the acting
 * person now, and runs it (the DM lists what they own and miss this week). `due` (due.ts) then
 * shows a snooze's re-send.
 */
import { CHECKIN_KIND } from '../../checkins/types.js';
import { CheckinRemindersRepository } from '../../store/checkin-reminders-repository.js';
import type { SimChannel, SimUser } from '../slack/index.js';
import type { Sandbox } from './environment.js';
import { describeRun } from './due.js';

/** Sets up the reminder and sends its DM; the sentence says what happened. */
export async function checkinNow(sandbox: Sandbox, user: SimUser, channel: SimChannel): Promise<string> {
  const { kpibot } = sandbox;
  const catalogue = await kpibot.deps.catalogue.get();
  const reminders = new CheckinRemindersRepository(kpibot.store.db);
  const reminder = await reminders.create({
    teamId: sandbox.slack.teamId,
    channelId: channel.id,
    createdBy: user.id,
    personalFor: null,
    selection: { kind: 'kpis', kpiIds: catalogue.kpis.map((k) => k.id) },
    period: 'this_week',
    weekday: 1,
    time: '09:00',
    zone: null,
  });
  const now = new Date(kpibot.deps.now());
  await reminders.schedule({ reminderId: reminder.id, slackUserId: user.id, zone: user.tz || 'UTC', nextRunAt: now });
  const summary = (await kpibot.scheduler.engine.engine.runDue(now, { kind: CHECKIN_KIND })).get(CHECKIN_KIND);
  if (summary?.sent === 1) return `Check-in reminder ${reminder.id} set up in #${channel.name}; its DM to ${user.name} follows.`;
  if (summary?.skipped === 1) return `Check-in reminder ${reminder.id} set up, but ${user.name} has nothing to log this week (owns no KPI, or all have values): try as <an owner>.`;
  return `Check-in reminder ${reminder.id} set up; the run said ${describeRun(summary)} (logs shows why).`;
}
