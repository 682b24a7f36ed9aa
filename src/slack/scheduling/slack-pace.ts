/**
 * The pace kpibot posts scheduled work at (digests today; check-ins and alerts on the same core).
 * Slack allows about one message per second per channel (with short bursts kpibot does not count
 * on: docs.slack.dev/apis/web-api/rate-limits, "Posting messages") and has a workspace-wide limit it
 * does not publish; 500 posts a minute is an assumption, kept here as the one setting, and the
 * same number the Slack simulator enforces (src/sandbox/slack/rate-model.ts). A 429 still wins:
 * its Retry-After holds back every post (pacing.ts).
 */
import type { PaceLimits } from '../../scheduling/pacing.js';

export const SLACK_POST_PACE: Readonly<PaceLimits> = {
  perLaneIntervalMs: 1_000,
  postsPerMinute: 500,
};

/**
 * Channels posted to at once. With Slack's ~300 ms round trip, 500 posts a minute need about three
 * calls in flight; more lanes let channels whose next turn is still a second away wait without
 * holding the others up.
 */
export const SCHEDULED_LANES = 16;
