/**
 * The periodic poll: the rules whose poll is due, their KPIs' current and previous weeks read in
 * batches (`detect.ts`), each changed edge state saved by compare-and-set, and each rule's next
 * poll set. A firing whose state another replica (or the Slack trigger) wrote first is dropped:
 * that writer decided for it. A rule whose KPI was deleted in Gtmhub is paused with a note.
 */
import type { SlotOutcome } from '../scheduling/kind.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import { detect, type Firing, type RuleToCheck, type WatchedKpi } from './detect.js';
import { saveDecisions, type EdgeStateStore } from './save-decisions.js';
import type { AlertRule, AlertTarget } from './types.js';

/** What the poll needs of the rules store (`AlertRulesRepository`). */
export interface PolledAlertRules {
  listDue(at: Date): Promise<AlertRule[]>;
  saveState: EdgeStateStore['saveState'];
  advance(id: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean>;
  pause(id: string, reason: string | null): Promise<boolean>;
}

/** The KPIs a target stands for now: a KPI, a group's KPIs; `deleted` when Gtmhub no longer has it. */
export interface WatchedKpis {
  kpisOf(teamId: string, target: AlertTarget): Promise<WatchedKpi[] | 'deleted'>;
}

export interface PollOptions {
  rules: PolledAlertRules;
  kpis: WatchedKpis;
  source: SnapshotSource;
  /** Time between polls of a rule; default 5 minutes. */
  intervalMs?: number;
}

export interface PollResult {
  firings: Firing[];
  reads: number;
  pausedRuleIds: string[];
}

export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;

/** The note on a rule whose KPI (or group) Gtmhub no longer has. */
export function deletedTargetReason(target: AlertTarget): string {
  return target.kind === 'kpi'
    ? `The KPI ${target.kpiId} was deleted in Gtmhub: edit the alert to watch another KPI, or remove it.`
    : `The group ${target.groupId} was deleted in Gtmhub: edit the alert to watch another group, or remove it.`;
}

export async function pollAlerts(options: PollOptions, at: Date): Promise<PollResult> {
  const interval = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const due = await options.rules.listDue(at);
  const toCheck: RuleToCheck[] = [];
  const pausedRuleIds: string[] = [];
  for (const rule of due) {
    const kpis = await options.kpis.kpisOf(rule.teamId, rule.target);
    if (kpis === 'deleted') {
      // Only the poller that paused it reports it (its creator is told once).
      if (await options.rules.pause(rule.id, deletedTargetReason(rule.target))) pausedRuleIds.push(rule.id);
    } else {
      toCheck.push({ rule, kpis });
    }
  }
  const detection = await detect(toCheck, at, options.source);
  const firings = await saveDecisions(
    toCheck.map((c) => c.rule),
    detection,
    options.rules,
    at,
  );
  for (const { rule } of toCheck) await options.rules.advance(rule.id, rule.nextPollAt, new Date(at.getTime() + interval), { kind: 'done' });
  return { firings, reads: detection.reads, pausedRuleIds };
}
