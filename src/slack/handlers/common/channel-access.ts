import type { webApi } from '@slack/bolt';
import { slackErrorCode } from '../../payloads/slack-errors.js';

/** Whether a user may set up digests (or alerts) in a channel, and whether kpibot can post there. */
export type ChannelAccess =
  | { ok: true; channelName: string }
  | { ok: false; reason: ChannelRefusal; sentence: string };

/**
 * Why not. `archived` and `bot_not_invited` are only found for members (membership is checked
 * first); `not_visible` means kpibot could not check membership at all.
 */
export type ChannelRefusal = 'not_visible' | 'not_a_channel' | 'not_member' | 'archived' | 'bot_not_invited';

/** `conversations.members` pages; 1,000 is Slack's most per page, so most channels take one call. */
const MEMBERS_PAGE = 1000;
const INVITE_HINT = '/invite @kpibot';

/**
 * Only members of a channel may subscribe it or change its digests (otherwise anyone could fill a
 * channel they do not read); a private channel needs kpibot invited. A public one does not: with
 * `join`, kpibot joins it itself (`channels:join`) — `chat:write.public` would let it post without
 * joining, but finding a digest already posted after a crash (`conversations.history`/`replies`)
 * needs membership. The answer is one sentence for the user.
 */
/** `feature`: what the sentences call the thing set up (default "digests"); `instead`: what to do in a DM. */
export interface ChannelAccessOptions {
  join?: boolean;
  feature?: string;
  instead?: string;
}

export async function checkChannelAccess(
  client: webApi.WebClient,
  channelId: string,
  userId: string,
  options: ChannelAccessOptions = {},
): Promise<ChannelAccess> {
  const feature = options.feature ?? 'digests';
  let info: webApi.ConversationsInfoResponse;
  try {
    info = await client.conversations.info({ channel: channelId });
  } catch (error) {
    // A private channel kpibot is not in does not exist for its token, name included.
    if (slackErrorCode(error) === 'channel_not_found') {
      return { ok: false, reason: 'not_visible', sentence: `Invite @kpibot to that private channel first: ${INVITE_HINT}` };
    }
    throw error;
  }
  const channel = info.channel;
  const name = channel?.name ? `#${channel.name}` : 'that channel';
  if (channel?.is_im || channel?.is_mpim) {
    return { ok: false, reason: 'not_a_channel', sentence: `${capitalized(feature)} go to channels: ${options.instead ?? 'choose a channel'}, not a direct message.` };
  }
  if (!(await isMember(client, channelId, userId))) {
    return { ok: false, reason: 'not_member', sentence: `Only members of ${name} can set up or change its ${feature}: join ${name} first.` };
  }
  if (channel?.is_archived) return { ok: false, reason: 'archived', sentence: `${name} is archived: choose another channel.` };
  if (channel?.is_private && channel.is_member !== true) {
    return { ok: false, reason: 'bot_not_invited', sentence: `Invite @kpibot to ${name} first: ${INVITE_HINT}` };
  }
  if (options.join && channel?.is_member !== true && !(await joined(client, channelId))) {
    return { ok: false, reason: 'bot_not_invited', sentence: `kpibot could not join ${name}: invite it there first with ${INVITE_HINT}` };
  }
  return { ok: true, channelName: name };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** kpibot joins a public channel; false when Slack will not let it (e.g. the app lacks `channels:join`). */
async function joined(client: webApi.WebClient, channelId: string): Promise<boolean> {
  try {
    await client.conversations.join({ channel: channelId });
    return true;
  } catch (error) {
    if (slackErrorCode(error) === undefined) throw error;
    return false;
  }
}

/** Pages through `conversations.members`, stopping as soon as `userId` turns up. */
async function isMember(client: webApi.WebClient, channelId: string, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) });
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/**
 * Membership of a digest's or alert's channel, and kpibot's access when it has to post (Send now)
 * or the form will be saved (Edit). When kpibot lost sight of a private channel, its owner may
 * still pause or remove it: nobody else can prove they are a member.
 */
export async function accessForChange(
  client: webApi.WebClient,
  subject: { channelId: string; ownerUserId: string },
  userId: string,
  { needsBot, join, feature }: { needsBot: boolean; join: boolean; feature?: string },
): Promise<ChannelAccess> {
  // Send now posts at once: kpibot joins a public channel it is not in (subscriptions made before it did).
  const access = await checkChannelAccess(client, subject.channelId, userId, { join, ...(feature ? { feature } : {}) });
  if (access.ok || needsBot) return access;
  const channelName = `<#${subject.channelId}>`;
  // Membership was confirmed; only posting there is impossible, which pausing or removing does not need.
  if (access.reason === 'archived' || access.reason === 'bot_not_invited') return { ok: true, channelName };
  if (access.reason === 'not_visible' && userId === subject.ownerUserId) return { ok: true, channelName };
  return access;
}
