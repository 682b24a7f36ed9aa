/**
 * Detection for a poll: reads the watched KPIs' recent periods — one snapshot read per (UTC
 * offset, period) covering every rule due, however many rules and channels watch a KPI — and
 * steps each (rule, KPI)'s edge state. Decides only: the caller saves the states and hands the
 * firings to the kind, whose claims make each post go out once.
 */
import type { KpiSnapshot } from '../gtmhub/types.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import { comparePeriods, isoWeekOf, lastNPeriods, periodEnd, periodStart } from '../time/periods.js';
import { gtmhubOffset } from '../time/zones.js';
import { conditionHolds, periodsNeeded } from './condition.js';
import { stepEdge } from './edge.js';
import { INITIAL_EDGE_STATE, type AlertFiring, type AlertRule, type EdgeState } from './types.js';

/** A watched KPI as the rule sees it (a group rule: each KPI of the group as it is now). */
export interface WatchedKpi {
  kpiId: string;
  targetOperator: string;
}

export interface RuleToCheck {
  rule: AlertRule;
  kpis: readonly WatchedKpi[];
}

/** One crossing to post (kept in `types.ts` so the store's outbox can name it). */
export type Firing = AlertFiring;

export interface Detection {
  firings: Firing[];
  /** Each checked rule's new edge state (only rules whose state changed). */
  states: Map<string, Record<string, EdgeState>>;
  /** How many snapshot reads it took. */
  reads: number;
}

/** Checks `rules` at `at`, reading through `source` once per (UTC offset, week). */
export async function detect(rules: readonly RuleToCheck[], at: Date, source: SnapshotSource): Promise<Detection> {
  const groups = new Map<string, { offset: string; period: string; zone: string; depth: number; kpiIds: Set<string>; rules: RuleToCheck[] }>();
  for (const item of rules) {
    const offset = gtmhubOffset(item.rule.zone, at);
    const period = isoWeekOf(at, item.rule.zone);
    const key = `${offset}|${period}`;
    // Two periods at least: the message shows the change against the period before.
    const group = groups.get(key) ?? { offset, period, zone: item.rule.zone, depth: 2, kpiIds: new Set<string>(), rules: [] };
    group.depth = Math.max(group.depth, periodsNeeded(item.rule.condition));
    for (const kpi of item.kpis) group.kpiIds.add(kpi.kpiId);
    group.rules.push(item);
    groups.set(key, group);
  }

  const detection: Detection = { firings: [], states: new Map(), reads: 0 };
  for (const group of groups.values()) {
    if (group.kpiIds.size === 0) continue;
    const periods = lastNPeriods(group.period, group.depth);
    const snapshots = await source.getKpiSnapshots({
      ids: [...group.kpiIds],
      timeZone: group.offset,
      groupBy: 'week',
      from: periodStart(periods[0]!, group.zone).toISODate()!,
      to: periodEnd(group.period, group.zone).minus({ days: 1 }).toISODate()!,
    });
    detection.reads += 1;
    const values = latestByKpiAndPeriod(snapshots);
    for (const { rule, kpis } of group.rules) {
      const ruleState = { ...rule.state };
      let changed = false;
      for (const kpi of kpis) {
        const series = lastNPeriods(group.period, periodsNeeded(rule.condition)).map((p) => values.get(`${kpi.kpiId}|${p}`)?.value);
        const holds = conditionHolds(rule.condition, { values: series, targetOperator: kpi.targetOperator });
        const before = ruleState[kpi.kpiId] ?? INITIAL_EDGE_STATE;
        const step = stepEdge(before, group.period, holds, comparePeriods);
        if (JSON.stringify(step.next) !== JSON.stringify(before)) {
          ruleState[kpi.kpiId] = step.next;
          changed = true;
        }
        if (step.fire) {
          const current = values.get(`${kpi.kpiId}|${group.period}`);
          detection.firings.push({
            ruleId: rule.id,
            kpiId: kpi.kpiId,
            period: group.period,
            crossing: step.next.crossings,
            value: current?.value,
            previous: values.get(`${kpi.kpiId}|${periods[periods.length - 2] ?? ''}`)?.value,
            recordedAt: current?.dateCreated,
          });
        }
      }
      if (changed) detection.states.set(rule.id, ruleState);
    }
  }
  return detection;
}

/** The newest snapshot of each (KPI, period). */
function latestByKpiAndPeriod(snapshots: readonly KpiSnapshot[]): Map<string, KpiSnapshot> {
  const latest = new Map<string, KpiSnapshot>();
  for (const s of snapshots) {
    const key = `${s.kpiId}|${s.group}`;
    const seen = latest.get(key);
    if (!seen || (s.dateCreated ?? '') >= (seen.dateCreated ?? '')) latest.set(key, s);
  }
  return latest;
}
