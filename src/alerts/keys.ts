/**
 * How an alert's work is named: its claim key — one post per (rule, KPI, period, crossing) across
 * restarts and replicas; the KPI is part of it because a group rule watches several KPIs — and
 * what its messages' metadata carry, so that recovery finds them in the channel after a crash.
 */
import type { MessageKey } from '../scheduling/port.js';

/** The metadata event type of every alert message. */
export const ALERT_EVENT_TYPE = 'kpibot_alert';

export interface AlertCrossing {
  ruleId: string;
  kpiId: string;
  period: string;
  crossing: number;
}

export function alertClaimKey(c: AlertCrossing): string {
  return `${c.ruleId}/${c.kpiId}/${c.period}/${c.crossing}`;
}

export function alertMessageKey(c: AlertCrossing): MessageKey {
  return { eventType: ALERT_EVENT_TYPE, fields: { rule_id: c.ruleId, kpi_id: c.kpiId, period: c.period, crossing: String(c.crossing) } };
}
