/**
 * What kpibot says when an alert needs a person: the reason shown in `/kpi alert list` when it
 * paused a rule (the channel's words are the digests', `pausedReasonFor`), the DM to the rule's
 * creator, and the note when the KPI was deleted in Gtmhub. One sentence each, saying what to do.
 */
import type { AlertRule } from '../../../alerts/types.js';
import type { Attention } from '../../../scheduling/kind.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import { pausedReasonFor, tokenRefusedSentence } from '../digests/attention.js';

function where(rule: Pick<AlertRule, 'personal' | 'channelId'>): string {
  return rule.personal ? 'your personal alert' : `your alert for <#${rule.channelId}>`;
}

/** The DM to a rule's creator when kpibot paused it (its KPI or group deleted in Gtmhub). */
export function alertPausedNotice(rule: Pick<AlertRule, 'personal' | 'channelId'>, reason: string): string {
  return `I paused ${where(rule)}: ${reason} (Use /kpi alert list to Edit, Resume or Remove it.)`;
}

export const alertAttention: Attention = {
  pausedReason: pausedReasonFor,
  ownerNotice: (slackError, channelId) =>
    `I paused your alert for <#${channelId}> because I could not post in it: ${pausedReasonFor(slackError, channelId)} (Use /kpi alert list there to Edit or Resume it.)`,
  tokenRefusedLogLine: (slackError, teamId) =>
    `Slack refused kpibot's bot token (${slackError}) for workspace ${teamId}: alerts for it are stopped; reinstall the app or set a valid SLACK_BOT_TOKEN, then restart kpibot.`,
  tokenRefused: tokenRefusedSentence,
  rateLimited: () => 'Slack is rate limiting kpibot right now: the alert will be posted in a minute or two.',
  refused: (slackError) => `Slack refused the alert (${slackError}); kpibot logged the details.`,
  unknownOutcome: () => 'Slack did not answer in time; kpibot will check the channel and finish the alert in a few minutes.',
  notBuilt: (error) => (error ? describeFailure(error, 'reading the KPI for the alert') : 'The alert could not be built; kpibot logged the details.'),
};
