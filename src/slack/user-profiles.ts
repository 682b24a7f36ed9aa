import type { webApi } from '@slack/bolt';
import { systemClock, within, type Clock } from '../time/clock.js';
import { isUsableZone } from '../time/zones.js';
import { gtmhubOffsetFromMinutes } from '../gtmhub/offsets.js';
import type { Logger } from '../log.js';

/** What kpibot needs to know about a Slack user: where their weeks start and how they write numbers. */
export interface UserProfile {
  id: string;
  /** IANA zone from users.info `tz`, or a fixed offset zone when Slack gave none we can use. */
  zone: string;
  /**
   * False when Slack did not tell kpibot the user's zone (users.info failed, was too slow for a
   * bounded wait, or gave no tz): `zone` is then UTC, and a reply that depends on it must say so.
   */
  zoneKnown: boolean;
  locale: string;
  isAdmin: boolean;
  isOwner: boolean;
}

interface CacheEntry {
  profile: Promise<UserProfile>;
  expiresAt: number;
}

/**
 * Reads users.info once per user and keeps it for a while: every lookup needs the user's zone and
 * locale, and Slack rate-limits users.info (Tier 4), so repeated commands must not each call it.
 * A failure yields a UTC/en-US profile instead of failing the user's command.
 */
export class UserProfiles {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly clock: Clock;

  /** `clock` times the cache and the bounded waits (default `systemClock`). */
  constructor(private readonly options: { logger: Logger; ttlMs?: number; clock?: Clock }) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * The user's profile. With `waitMs`, answers by then at the latest — with the UTC/en-US fallback
   * if Slack is slow (the real profile is still cached for next time): for paths that must answer
   * Slack within 3 s. Writes call it again without `waitMs` once Slack has been answered, so that a
   * value is never filed under a UTC week just because users.info was slow.
   */
  async get(client: webApi.WebClient, userId: string, options: { waitMs?: number } = {}): Promise<UserProfile> {
    if (options.waitMs === undefined) return this.profile(client, userId);
    return (await this.within(client, userId, options.waitMs)) ?? fallbackProfile(userId);
  }

  /**
   * The user's profile, or undefined when Slack did not give it within `waitMs` (by the clock);
   * the answer is still cached for the next request.
   */
  within(client: webApi.WebClient, userId: string, waitMs: number): Promise<UserProfile | undefined> {
    return within(this.clock, waitMs, this.profile(client, userId), () => undefined);
  }

  private profile(client: webApi.WebClient, userId: string): Promise<UserProfile> {
    const now = this.clock.now();
    const hit = this.cache.get(userId);
    let profile: Promise<UserProfile>;
    if (hit && hit.expiresAt > now) {
      profile = hit.profile;
    } else {
      profile = this.load(client, userId);
      this.cache.set(userId, { profile, expiresAt: now + (this.options.ttlMs ?? 10 * 60_000) });
    }
    return profile;
  }

  /** Forget a user (e.g. after they changed their time zone, Slack sends user_change). */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async load(client: webApi.WebClient, userId: string): Promise<UserProfile> {
    try {
      // include_locale: Slack leaves `locale` out of users.info unless asked.
      const res = await client.users.info({ user: userId, include_locale: true });
      const user = res.user;
      const tz = user?.tz;
      const offsetMinutes = typeof user?.tz_offset === 'number' ? Math.round(user.tz_offset / 60) : 0;
      const zone = tz && isUsableZone(tz) ? tz : fallbackZone(offsetMinutes);
      return {
        id: userId,
        zone,
        zoneKnown: (tz !== undefined && isUsableZone(tz)) || typeof user?.tz_offset === 'number',
        locale: user?.locale ?? 'en-US',
        isAdmin: user?.is_admin === true,
        isOwner: user?.is_owner === true || user?.is_primary_owner === true,
      };
    } catch (err) {
      this.cache.delete(userId);
      this.options.logger.warn('users.info failed; using UTC and en-US for this request', { userId, error: err });
      return fallbackProfile(userId);
    }
  }
}

function fallbackProfile(userId: string): UserProfile {
  return { id: userId, zone: 'UTC', zoneKnown: false, locale: 'en-US', isAdmin: false, isOwner: false };
}

function fallbackZone(offsetMinutes: number): string {
  try {
    return gtmhubOffsetFromMinutes(offsetMinutes);
  } catch {
    return 'UTC';
  }
}
