/**
 * Alerts as a kind of scheduled work, on the one scheduling core: the subject is one firing in the
 * outbox (`alert_firings`, written with the rule's new edge state), its slot when detection wrote
 * it, its lane the rule's channel (a personal rule: its creator's DM), its claim key the firing's
 * (rule, KPI, period, crossing) — so each alert posts once across restarts and replicas, at the
 * channel's pace like every post of the core. A firing posts once: settled, it leaves the outbox.
 */
import type { Kpi } from '../gtmhub/types.js';
import type { Attention, Rendered, ScheduledKind, SlotOutcome } from '../scheduling/kind.js';
import { alertClaimKey, alertMessageKey } from './keys.js';
import { ALERT_KIND, type PendingFiring } from './types.js';

/** What one alert message says, as data: the firing (with its rule) and the KPI as Gtmhub has it now. */
export interface AlertContent {
  firing: PendingFiring;
  kpi: Kpi;
}

/** What the kind needs of the rules store (`AlertRulesRepository`). */
export interface AlertOutbox {
  listPendingFirings(at: Date, after?: { slot: Date; id: string }): Promise<PendingFiring[]>;
  getFiring(id: string): Promise<PendingFiring | undefined>;
  settleFiring(id: string): Promise<boolean>;
  pause(id: string, reason: string | null): Promise<boolean>;
}

export interface AlertKindOptions<M> {
  outbox: AlertOutbox;
  /** The KPI as the catalogue has it now; undefined when Gtmhub no longer has it. */
  kpiOf(kpiId: string): Promise<Kpi | undefined>;
  /** The alert message (slack/views/alerts). */
  render(content: AlertContent): M;
  attention: Attention;
  /** Plain text of the message, for `npm run due -- --dry-run`. */
  describe?(content: AlertContent): string;
}

/** The `skipped` reasons. */
export const KPI_GONE = 'The KPI is no longer in Gtmhub: nothing to post.';
export const RULE_PAUSED = 'The alert was paused before its post went out.';
export const RULE_MUTED = 'The alert is muted.';

/** A firing has one slot: after it, never (the outbox row is settled instead). */
const NEVER_MS = 100 * 365 * 24 * 60 * 60_000;

export function alertKind<M>(options: AlertKindOptions<M>): ScheduledKind<PendingFiring, AlertContent, M> {
  const { outbox } = options;
  return {
    name: ALERT_KIND,
    listDue: (at, after) => outbox.listPendingFirings(at, after),
    get: (id) => outbox.getFiring(id),
    subjectOf: (f) => ({ id: f.id, lane: f.rule.channelId, workspace: f.rule.teamId, ownerUserId: f.rule.ownerUserId }),
    slotOf: (f) => f.detectedAt,
    nextSlot: (_f, after) => new Date(after.getTime() + NEVER_MS),
    // Settled (sent, skipped, missed or failed): the firing leaves the outbox.
    advance: (f, _from, _to, _outcome: SlotOutcome) => outbox.settleFiring(f.id),
    claimKey: (f) => alertClaimKey(f),
    messageKey: (f) => alertMessageKey(f),
    async build(firings) {
      const contents = new Map<string, AlertContent>();
      for (const firing of firings) {
        const kpi = await options.kpiOf(firing.kpiId);
        if (kpi) contents.set(firing.id, { firing, kpi });
      }
      return contents;
    },
    render: (content): Rendered<M> => ({ kind: 'post', messages: [options.render(content)] }),
    pause: async (f, reason) => {
      await outbox.pause(f.ruleId, reason);
    },
    attention: options.attention,
    ...(options.describe ? { describe: (_f: PendingFiring, content: AlertContent) => options.describe!(content) } : {}),
    async gate(f, _slot, at) {
      // The rule as it is now: paused, muted or its KPI gone since the firing was queued.
      const now = await outbox.getFiring(f.id);
      if (now === undefined || now.rule.status === 'paused') return { kind: 'skip', reason: RULE_PAUSED };
      if (now.rule.mutedUntil !== null && now.rule.mutedUntil > at) return { kind: 'skip', reason: RULE_MUTED };
      if ((await options.kpiOf(f.kpiId)) === undefined) return { kind: 'skip', reason: KPI_GONE };
      return { kind: 'go' };
    },
  };
}
