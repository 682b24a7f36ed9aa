/**
 * The simulator's rate limiter: decides, on the injected clock, whether Slack would take a call
 * now or answer 429 with `Retry-After`. Pure bookkeeping, no timers, so a test decides every
 * outcome by moving its clock.
 *
 * A refused call consumes nothing (it did nothing); an admitted call counts whatever its result.
 */
import { CHANNEL_POST_INTERVAL_MS, POST_METHOD, TIER_WINDOW_MS, tierLimitOf, type SlackLimits } from './rate-model.js';

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number; limit: 'tier' | 'channel' | 'workspace' };

/** Slack's Retry-After is whole seconds; a wait of 1 ms still says 1. */
function retryAfter(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

export class RateLimiter {
  /** Admission times of tier-limited calls per method, oldest first, within the last window. */
  readonly #tierCalls = new Map<string, number[]>();
  /** When each channel's last post was admitted. */
  readonly #lastPostByChannel = new Map<string, number>();
  #lastWorkspacePost: number | undefined;

  constructor(
    private readonly limits: SlackLimits,
    private readonly now: () => number,
  ) {}

  /** Whether any limit is on (otherwise `admit` always admits). */
  get enabled(): boolean {
    return this.limits.tiers === true || this.limits.perChannelPosting === true || this.limits.workspacePostsPerMinute !== undefined;
  }

  /**
   * Takes the call if every limit allows it now. `channel` is the conversation a post goes to
   * (resolved to its id, so `#general` and `C0GENERAL` share one limit).
   */
  admit(method: string, channel?: string): Admission {
    const now = this.now();
    const tier = this.limits.tiers === true ? this.#tierWait(method, now) : undefined;
    if (tier !== undefined) return { admitted: false, retryAfterSeconds: retryAfter(tier), limit: 'tier' };
    if (method === POST_METHOD) {
      const channelWait = this.limits.perChannelPosting === true && channel !== undefined ? this.#channelWait(channel, now) : 0;
      if (channelWait > 0) return { admitted: false, retryAfterSeconds: retryAfter(channelWait), limit: 'channel' };
      const workspaceWait = this.#workspaceWait(now);
      if (workspaceWait > 0) return { admitted: false, retryAfterSeconds: retryAfter(workspaceWait), limit: 'workspace' };
      if (channel !== undefined) this.#lastPostByChannel.set(channel, now);
      this.#lastWorkspacePost = now;
    }
    if (this.limits.tiers === true && tierLimitOf(method) !== undefined) this.#tierCalls.get(method)!.push(now);
    return { admitted: true };
  }

  /** Milliseconds until the method's window has room, or undefined when it has room now. */
  #tierWait(method: string, now: number): number | undefined {
    const limit = tierLimitOf(method);
    if (limit === undefined) return undefined;
    const calls = this.#tierCalls.get(method) ?? [];
    this.#tierCalls.set(method, calls);
    while (calls.length > 0 && calls[0]! <= now - TIER_WINDOW_MS) calls.shift();
    return calls.length < limit ? undefined : calls[0]! + TIER_WINDOW_MS - now;
  }

  #channelWait(channel: string, now: number): number {
    const last = this.#lastPostByChannel.get(channel);
    return last === undefined ? 0 : Math.max(0, last + CHANNEL_POST_INTERVAL_MS - now);
  }

  #workspaceWait(now: number): number {
    const perMinute = this.limits.workspacePostsPerMinute;
    if (perMinute === undefined || this.#lastWorkspacePost === undefined) return 0;
    return Math.max(0, this.#lastWorkspacePost + 60_000 / perMinute - now);
  }
}
