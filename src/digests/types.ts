/**
 * The digest's own types: what a subscription is (the store keeps them). Imports nothing, so the
 * store may use them without an arrow back into the digest's code.
 */

/** The digest's kind of scheduled work: its claims' `kind` and its name for `npm run due -- --only`. */
export const DIGEST_KIND = 'digest';

/** What a digest covers. */
export type DigestSelection =
  | { kind: 'kpis'; kpiIds: string[] }
  | { kind: 'groups'; groupIds: string[] }
  /** The subscriber's favorite groups, as they are at each run. */
  | { kind: 'favorites' };

export interface DigestSubscription {
  id: string;
  teamId: string;
  /** Slack channel id (never its name: names change). */
  channelId: string;
  /** The Slack user who subscribed the channel; DMed when delivery needs attention. */
  ownerUserId: string;
  selection: DigestSelection;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekday: number;
  /** Local time of day, `HH:mm`. */
  time: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  zone: string;
  /** Skip the post when no KPI's value changed against the week before. */
  skipWhenUnchanged: boolean;
  /** List the KPIs without a value for the period. */
  listNotUpdated: boolean;
  /** Post a chart of the KPIs (small multiples, in the digest's thread). */
  includeChart: boolean;
  status: 'active' | 'paused';
  /** Why it was paused by kpibot (channel archived, bot removed…), shown in /kpi digest list. */
  pausedReason: string | null;
  /** The next slot, as a UTC instant. */
  nextRunAt: Date;
  createdAt: Date;
  updatedAt: Date;
}
