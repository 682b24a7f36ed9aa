/**
 * What kpibot says when a check-in DM needs a person: the creator of the reminder is told which
 * owner could not be reached. One sentence each, saying what to do.
 */
import type { Attention } from '../../../scheduling/kind.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';

function unreachable(slackError: string, userId: string): string {
  return `I could not send <@${userId}> their KPI check-in (${slackError}): ask them to open a DM with kpibot, or pick another owner for their KPIs.`;
}

export const checkinAttention: Attention = {
  pausedReason: unreachable,
  ownerNotice: unreachable,
  tokenRefusedLogLine: (slackError, teamId) =>
    `Slack refused kpibot's bot token (${slackError}) for workspace ${teamId}: check-ins for it are stopped; reinstall the app or set a valid SLACK_BOT_TOKEN, then restart kpibot.`,
  tokenRefused: (slackError) => `Slack refused kpibot's token (${slackError}): ask whoever runs kpibot to reinstall the app.`,
  rateLimited: () => 'Slack is rate limiting kpibot right now: the check-in will be sent in a minute or two.',
  refused: (slackError) => `Slack refused the check-in DM (${slackError}); kpibot logged the details.`,
  unknownOutcome: () => 'Slack did not answer in time; kpibot will check the DM and finish the check-in in a few minutes.',
  notBuilt: (error) => (error ? describeFailure(error, 'reading the KPIs for the check-in') : 'The check-in could not be built; kpibot logged the details.'),
};
