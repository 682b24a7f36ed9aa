/**
 * What kpibot says when a digest needs a person: the reason shown in `/kpi digest list` when it
 * paused a subscription, the DM to the subscription's owner, and what Send now answers when Slack
 * would not take the digest. One sentence each, saying what to do (mrkdwn: channels as `<#C…>`).
 */
import type { Attention } from '../../../scheduling/kind.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';

/** The `paused_reason` for a channel Slack will not let kpibot post in. */
export function pausedReasonFor(slackError: string, channelId: string): string {
  switch (slackError) {
    case 'is_archived':
      return `<#${channelId}> is archived: unarchive it or pick another channel with Edit, then Resume.`;
    case 'not_in_channel':
      return `kpibot is not a member of <#${channelId}>: invite it there with /invite @kpibot, then Resume.`;
    default:
      return `kpibot cannot see <#${channelId}> (deleted, or private without kpibot): pick another channel with Edit, then Resume.`;
  }
}

/** The DM to the owner: what happened to their digest, and what to do. */
export function ownerNoticeFor(slackError: string, channelId: string): string {
  return `I paused your weekly KPI digest for <#${channelId}> because I could not post it: ${pausedReasonFor(slackError, channelId)} (Use /kpi digest list to Edit or Resume it.)`;
}

/** The one log line when Slack refuses the bot token: delivery stops until someone fixes it. */
export function tokenRefusedLogLine(slackError: string, teamId: string): string {
  return `Slack refused kpibot's bot token (${slackError}) for workspace ${teamId}: digests for it are stopped; reinstall the app or set a valid SLACK_BOT_TOKEN, then restart kpibot.`;
}

/** Send now's sentence while a workspace's token is refused. */
export function tokenRefusedSentence(slackError: string): string {
  return `Slack refused kpibot's token (${slackError}): ask whoever runs kpibot to reinstall the app.`;
}

/** The digest's sentences for the scheduling core. */
export const digestAttention: Attention = {
  pausedReason: pausedReasonFor,
  ownerNotice: ownerNoticeFor,
  tokenRefusedLogLine,
  tokenRefused: tokenRefusedSentence,
  rateLimited: () => 'Slack is rate limiting kpibot right now: the digest will be sent in a minute or two.',
  refused: (slackError) => `Slack refused the digest (${slackError}); kpibot logged the details.`,
  unknownOutcome: () => 'Slack did not answer in time; kpibot will check the channel and finish the digest in a few minutes.',
  notBuilt: (error) => (error ? describeFailure(error, 'reading the KPIs for the digest') : 'The digest could not be built for this subscription; kpibot logged the details.'),
};
