/**
 * The floor of a run: the least wall time Slack's limits (`rate-model.ts`, the simulator's own
 * model) allow for a given set of Slack calls. Issue 13 fixes it as the larger of
 * (the busiest channel's posts − 1) seconds and (all posts ÷ 500) minutes, plus one latency; every
 * Slack call a delivery makes counts. Calls of tier-limited methods add their own bound (C calls
 * at N per minute need ⌊(C − 1) / N⌋ full minutes), so the floor never lies below what the
 * simulator would let any client achieve. Pure: benchmarks compute it from the calls a run made.
 */
import { CHANNEL_POST_INTERVAL_MS, POST_METHOD, TIER_WINDOW_MS, WORKSPACE_POSTS_PER_MINUTE, tierLimitOf } from './rate-model.js';

/** One Slack call a run made: its method, and for posts the conversation id. */
export interface FloorCall {
  method: string;
  channel?: string;
}

export interface RunFloor {
  /** The floor: the largest bound below, plus one latency. */
  ms: number;
  posts: number;
  busiestChannelPosts: number;
  /** (busiest channel's posts − 1) × 1 s. */
  channelBoundMs: number;
  /** all posts ÷ the workspace's posts per minute. */
  workspaceBoundMs: number;
  /** The largest tier bound, and the method it comes from. */
  tierBoundMs: number;
  tierBoundMethod?: string;
  latencyMs: number;
}

export interface FloorOptions {
  /** Slack's latency per call (the simulator's `latencyMs`). */
  latencyMs: number;
  /** Default 500, the model's one assumption. */
  workspacePostsPerMinute?: number;
}

export function floorOfRun(calls: Iterable<FloorCall>, options: FloorOptions): RunFloor {
  const postsByChannel = new Map<string, number>();
  const callsByMethod = new Map<string, number>();
  let posts = 0;
  for (const call of calls) {
    callsByMethod.set(call.method, (callsByMethod.get(call.method) ?? 0) + 1);
    if (call.method !== POST_METHOD) continue;
    posts += 1;
    const channel = call.channel ?? '';
    postsByChannel.set(channel, (postsByChannel.get(channel) ?? 0) + 1);
  }
  const busiestChannelPosts = Math.max(0, ...postsByChannel.values());
  const channelBoundMs = Math.max(0, busiestChannelPosts - 1) * CHANNEL_POST_INTERVAL_MS;
  const workspaceBoundMs = (posts / (options.workspacePostsPerMinute ?? WORKSPACE_POSTS_PER_MINUTE)) * 60_000;
  let tierBoundMs = 0;
  let tierBoundMethod: string | undefined;
  for (const [method, count] of callsByMethod) {
    const perMinute = tierLimitOf(method);
    if (perMinute === undefined) continue;
    const bound = Math.floor((count - 1) / perMinute) * TIER_WINDOW_MS;
    if (bound > tierBoundMs) {
      tierBoundMs = bound;
      tierBoundMethod = method;
    }
  }
  return {
    ms: Math.max(channelBoundMs, workspaceBoundMs, tierBoundMs) + options.latencyMs,
    posts,
    busiestChannelPosts,
    channelBoundMs,
    workspaceBoundMs,
    tierBoundMs,
    ...(tierBoundMethod !== undefined ? { tierBoundMethod } : {}),
    latencyMs: options.latencyMs,
  };
}

/**
 * The calls a run made, from what the simulator recorded: calls Slack refused with 429 are left
 * out (they did nothing and were repeated), every other call counts.
 */
export function floorCallsOf(recorded: Iterable<{ method: string; args: Record<string, unknown>; error?: string; channelId?: string }>): FloorCall[] {
  const calls: FloorCall[] = [];
  for (const call of recorded) {
    if (call.error === 'ratelimited') continue;
    const channel = call.channelId ?? (typeof call.args.channel === 'string' ? call.args.channel : undefined);
    calls.push(channel === undefined ? { method: call.method } : { method: call.method, channel });
  }
  return calls;
}
