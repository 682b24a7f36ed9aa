import { invalid, isRecord, nonEmptyString, parsed, type Parsed } from '../../parsing/parsed.js';

/** A `link_shared` event as kpibot needs it (https://docs.slack.dev/reference/events/link_shared). */
export interface LinkShared {
  teamId: string;
  /** Who posted the links: whose time zone and locale the cards use. */
  userId: string;
  /** The conversation and message with the links; `COMPOSER` while the message is still being written. */
  channel: string;
  messageTs: string;
  /** With `source`, the other way to name the message to `chat.unfurl` (links in the composer). */
  unfurlId: string | undefined;
  source: string | undefined;
  urls: string[];
  /** The conversation is shared with other organisations (Slack Connect): nothing read with the workspace token goes there. */
  externallyShared: boolean;
}

/** Slack sends up to a handful of links per message; more than this is not a message. */
const MAX_LINKS = 50;

export function parseLinkShared(event: unknown, body: unknown): Parsed<LinkShared> {
  if (!isRecord(event)) return invalid('link_shared without an event');
  const teamId = isRecord(body) ? nonEmptyString(body.team_id) : undefined;
  const userId = nonEmptyString(event.user);
  const channel = nonEmptyString(event.channel);
  const messageTs = nonEmptyString(event.message_ts);
  if (!teamId || !userId || !channel || !messageTs) return invalid('link_shared names no workspace, user, channel or message');
  const links = Array.isArray(event.links) ? event.links.slice(0, MAX_LINKS) : [];
  const urls = links.flatMap((link) => {
    const url = isRecord(link) ? nonEmptyString(link.url) : undefined;
    return url && url.length <= 2_000 ? [url] : [];
  });
  const externallyShared = (isRecord(body) && body.is_ext_shared_channel === true) || event.is_ext_shared_channel === true;
  return parsed({ teamId, userId, channel, messageTs, unfurlId: nonEmptyString(event.unfurl_id), source: nonEmptyString(event.source), urls, externallyShared });
}
