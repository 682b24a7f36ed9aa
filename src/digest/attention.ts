/**
 * What kpibot says when a digest needs a person: the reason shown in `/kpi digest list` when it
 * paused a subscription, and the DM to the subscription's owner. One sentence each, saying what to do.
 */

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
