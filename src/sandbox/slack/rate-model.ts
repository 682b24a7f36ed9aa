/**
 * Slack's rate limits as the simulator enforces them, in one place: the per-method tiers, the
 * per-channel posting limit and the workspace-wide posting limit. The numbers are fixed by issue 13
 * so that no one tunes them to flatter a benchmark; the simulator (`rate-limiter.ts`) and the floor
 * of a run (`rate-floor.ts`) both read them from here.
 *
 * Tiers, from the Facts of each method's reference page (https://docs.slack.dev/reference/methods/<method>,
 * "Rate Limits"), read 2026-12-03; the tiers themselves: https://docs.slack.dev/apis/web-api/rate-limits.
 * `special` methods have no published tier: auth.test ("allows hundreds of requests per minute") and
 * chat.getPermalink are not limited here; chat.postMessage is limited per channel and per workspace.
 * conversations.history and conversations.replies are Tier 3 for internal apps (kpibot's case); since
 * 2025 Slack limits them much further for commercially distributed apps outside the Marketplace.
 */

export type Tier = 'tier1' | 'tier2' | 'tier3' | 'tier4' | 'special';

/** Calls per minute per method (and per workspace) that each numbered tier allows. */
export const TIER_CALLS_PER_MINUTE: Readonly<Record<Exclude<Tier, 'special'>, number>> = {
  tier1: 1,
  tier2: 20,
  tier3: 50,
  tier4: 100,
};

/**
 * Every method the simulator answers (and the file-upload and unfurl methods being added to it),
 * with its tier on docs.slack.dev. A method missing here is not tier-limited.
 */
export const METHOD_TIERS: Readonly<Record<string, Tier>> = {
  'apps.connections.open': 'tier3',
  'auth.test': 'special',
  'chat.delete': 'tier3',
  'chat.getPermalink': 'special',
  'chat.postEphemeral': 'tier4',
  'chat.postMessage': 'special',
  'chat.unfurl': 'tier3',
  'chat.update': 'tier3',
  'conversations.history': 'tier3',
  'conversations.info': 'tier3',
  'conversations.join': 'tier3',
  'conversations.members': 'tier4',
  'conversations.open': 'tier3',
  'conversations.replies': 'tier3',
  'files.completeUploadExternal': 'tier4',
  'files.delete': 'tier3',
  'files.getUploadURLExternal': 'tier4',
  'files.info': 'tier4',
  'functions.completeError': 'tier3',
  'functions.completeSuccess': 'tier3',
  'users.info': 'tier4',
  'users.list': 'tier2',
  'users.lookupByEmail': 'tier3',
  'views.open': 'tier4',
  'views.publish': 'tier4',
  'views.push': 'tier4',
  'views.update': 'tier4',
};

/** The method the posting limits apply to. */
export const POST_METHOD = 'chat.postMessage';

/** One `chat.postMessage` per second per channel, and no burst (Slack tolerates short ones; we do not count on them). */
export const CHANNEL_POST_INTERVAL_MS = 1_000;

/**
 * Posts per minute across the workspace. Slack publishes no number, only that a workspace-wide
 * limit exists ("several hundred a minute" in practice): 500 is an assumption, and the one setting.
 * Enforced as a steady pace (one post per 60,000 / 500 = 120 ms), so that the floor "all posts ÷ 500
 * minutes" is what the simulator really allows.
 */
export const WORKSPACE_POSTS_PER_MINUTE = 500;

/** The tier-limit window: calls per minute, counted over the last 60 s. */
export const TIER_WINDOW_MS = 60_000;

/** What the simulator enforces; every limit is off unless set, so existing tests keep their speed. */
export interface SlackLimits {
  /** Per-method tier limits (Tier 2 = 20, Tier 3 = 50, Tier 4 = 100 calls per minute per method). */
  tiers?: boolean;
  /** One `chat.postMessage` per second per channel. */
  perChannelPosting?: boolean;
  /** Posts per minute across the workspace; unset: no workspace limit. */
  workspacePostsPerMinute?: number;
  /** Every Web API answer (429s included) is held back this long, as a real Slack's round trip. */
  latencyMs?: number;
}

/** Every limit of the model on, with no latency: what the benchmarks and the pacing tests use. */
export const SLACK_LIKE_LIMITS: Readonly<Required<SlackLimits>> = {
  tiers: true,
  perChannelPosting: true,
  workspacePostsPerMinute: WORKSPACE_POSTS_PER_MINUTE,
  latencyMs: 0,
};

/** The calls per minute `method` may make, or undefined when no tier limits it. */
export function tierLimitOf(method: string): number | undefined {
  const tier = METHOD_TIERS[method];
  return tier === undefined || tier === 'special' ? undefined : TIER_CALLS_PER_MINUTE[tier];
}
