/**
 * The alerts' own types: what a rule watches, its one condition, and its edge-triggering state.
 * Imports nothing, so the store may use them without an arrow back into the alerts' code.
 */

/** The alerts' kind of scheduled work: its claims' `kind` and its name for `npm run due -- --only`. */
export const ALERT_KIND = 'alert';

/** What a rule watches: one KPI, or every KPI of a group as it is at each poll. */
export type AlertTarget = { kind: 'kpi'; kpiId: string } | { kind: 'group'; groupId: string };

/**
 * The rule's one condition, in the KPI's own units:
 * - `above` / `below`: the period's value is strictly above / below `threshold`;
 * - `changed`: the value moved by more than `by` (percent of the previous value, or units) against
 *   the period before, in either direction or only in the bad one for the KPI's target;
 * - `wrong_way`: the KPI moved against its target `periods` periods in a row.
 */
export type AlertCondition =
  | { kind: 'above'; threshold: number }
  | { kind: 'below'; threshold: number }
  | { kind: 'changed'; by: number; unit: 'percent' | 'units'; direction: 'either' | 'bad' }
  | { kind: 'wrong_way'; periods: number };

/**
 * Edge-triggering state of one (rule, KPI): the last period evaluated, whether the condition held
 * there, whether the rule already fired in that period, and how many times it has fired (the
 * crossing number in the claim key).
 */
export interface EdgeState {
  period: string | null;
  holds: boolean;
  firedInPeriod: boolean;
  crossings: number;
}

export const INITIAL_EDGE_STATE: EdgeState = { period: null, holds: false, firedInPeriod: false, crossings: 0 };

export interface AlertRule {
  id: string;
  teamId: string;
  /** A channel id for a channel alert; the creator's user id for a personal alert (sent by DM). */
  channelId: string;
  personal: boolean;
  /** The Slack user who created the rule; DMed when delivery needs attention. */
  ownerUserId: string;
  target: AlertTarget;
  /** IANA zone that defines the period (the creator's by default). */
  zone: string;
  condition: AlertCondition;
  status: 'active' | 'paused';
  /** Why it was paused (dead channel, KPI deleted in Gtmhub, muted), shown in /kpi alert list. */
  pausedReason: string | null;
  /** Muted until this instant (Mute for a week), else null. */
  mutedUntil: Date | null;
  /** Edge state per watched KPI id. */
  state: Record<string, EdgeState>;
  /** Bumped by every state write: the compare-and-set of `saveState`. */
  stateVersion: number;
  /** The next poll, as a UTC instant. */
  nextPollAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** One crossing to post: which rule, KPI, period and crossing number, and the values it saw. */
export interface AlertFiring {
  ruleId: string;
  kpiId: string;
  period: string;
  crossing: number;
  value: number | undefined;
  /** The period before's value, for the change line. */
  previous: number | undefined;
  /** When the value was recorded (Gtmhub's `dateCreated`), when it says. */
  recordedAt: string | undefined;
}

/** A firing in the outbox (`alert_firings`), waiting for its post or done, with its rule. */
export interface PendingFiring extends AlertFiring {
  /** The claim key: (rule, KPI, period, crossing). */
  id: string;
  /** When detection wrote it: its slot on the scheduling core. */
  detectedAt: Date;
  rule: AlertRule;
}
