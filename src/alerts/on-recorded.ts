/**
 * The Slack trigger: a value recorded from Slack is checked at once against the active rules
 * watching its KPI (directly or through a group), with the same batched reads and edge state as
 * the poll, so the poll that follows finds the state already stepped and does not fire again.
 * Subscribe the returned listener to `runtime.valueRecorded`.
 */
import type { ValueRecordedListener } from '../kpis/value-recorded.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import { detect, type Firing } from './detect.js';
import type { WatchedKpis } from './poll.js';
import { saveDecisions, type EdgeStateStore } from './save-decisions.js';
import type { AlertRule } from './types.js';

export interface TriggerOptions {
  rules: {
    listActiveWatching(teamId: string, kpiId: string, groupIds: readonly string[]): Promise<AlertRule[]>;
    saveState: EdgeStateStore['saveState'];
  };
  kpis: WatchedKpis & { groupsOf(teamId: string, kpiId: string): Promise<string[]> };
  source: SnapshotSource;
  /** Hands the firings whose state was saved to the alert kind (claims make each post once). */
  deliver(firings: Firing[]): Promise<void>;
}

export function alertOnRecorded(options: TriggerOptions): ValueRecordedListener {
  return async (event) => {
    const groupIds = await options.kpis.groupsOf(event.teamId, event.kpiId);
    const rules = await options.rules.listActiveWatching(event.teamId, event.kpiId, groupIds);
    if (rules.length === 0) return;
    const kpis = await options.kpis.kpisOf(event.teamId, { kind: 'kpi', kpiId: event.kpiId });
    if (kpis === 'deleted') return; // the poll pauses its rules with the note
    // A group rule is checked for the recorded KPI only: the others did not change.
    const at = new Date(event.at);
    const detection = await detect(
      rules.map((rule) => ({ rule, kpis })),
      at,
      options.source,
    );
    const firings = await saveDecisions(rules, detection, options.rules, at);
    if (firings.length > 0) await options.deliver(firings);
  };
}
