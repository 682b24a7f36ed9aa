/**
 * Alerts on the scheduling core: registers the alert kind (the outbox of firings) with an engine,
 * and offers the two ways a crossing is noticed — the poll, run on every heartbeat for the rules
 * whose poll is due, and the check of a value recorded from Slack, which posts at once. Both write
 * their firings with the rules' new edge states; the kind posts them once.
 */
import type { Kpi } from '../gtmhub/types.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import type { ValueRecordedListener } from '../kpis/value-recorded.js';
import type { Logger } from '../log.js';
import type { SchedulingEngine } from '../scheduling/engine.js';
import type { Attention } from '../scheduling/kind.js';
import { alertKind, type AlertContent, type AlertOutbox } from './kind.js';
import { alertOnRecorded, type TriggerOptions } from './on-recorded.js';
import { pollAlerts, type PolledAlertRules, type PollResult } from './poll.js';
import { ALERT_KIND, type AlertRule } from './types.js';
import type { CatalogueWatchedKpis } from './watched-kpis.js';

export interface AlertsOptions<M> {
  rules: AlertOutbox & PolledAlertRules & TriggerOptions['rules'] & { get(id: string): Promise<AlertRule | undefined> };
  kpis: CatalogueWatchedKpis;
  kpiOf: (kpiId: string) => Promise<Kpi | undefined>;
  source: SnapshotSource;
  render: (content: AlertContent) => M;
  describe?: (content: AlertContent) => string;
  attention: Attention;
  /** Tells a rule's creator that kpibot paused it (its KPI was deleted in Gtmhub). */
  notifyPaused(rule: AlertRule, reason: string): Promise<void>;
  intervalMs: number;
  logger: Logger;
  now: () => number;
}

export interface Alerts {
  /** Polls the rules due at `at`; the firings it queued post on the engine's run that follows. */
  poll(at: Date): Promise<PollResult>;
  /** Subscribe to `valueRecorded`: checks the value at once and posts what it fired. */
  onRecorded: ValueRecordedListener;
}

export function registerAlerts<M>(engine: SchedulingEngine<M>, options: AlertsOptions<M>): Alerts {
  engine.register(
    alertKind({
      outbox: options.rules,
      kpiOf: options.kpiOf,
      render: options.render,
      attention: options.attention,
      ...(options.describe ? { describe: options.describe } : {}),
    }),
  );
  const logger = options.logger.child({ component: 'alerts' });
  return {
    async poll(at) {
      const result = await pollAlerts({ rules: options.rules, kpis: options.kpis, source: options.source, intervalMs: options.intervalMs }, at);
      for (const id of result.pausedRuleIds) {
        const rule = await options.rules.get(id);
        if (rule?.pausedReason) await options.notifyPaused(rule, rule.pausedReason).catch((error: unknown) => logger.warn('could not tell the creator of a paused alert', { ruleId: id, error }));
      }
      if (result.firings.length > 0 || result.pausedRuleIds.length > 0) logger.info('alerts polled', { firings: result.firings.length, reads: result.reads, paused: result.pausedRuleIds.length });
      return result;
    },
    onRecorded: alertOnRecorded({
      rules: options.rules,
      kpis: options.kpis,
      source: options.source,
      deliver: async () => {
        await engine.runDue(new Date(options.now()), { kind: ALERT_KIND });
      },
    }),
  };
}
