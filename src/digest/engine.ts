/**
 * The digest engine: what is due comes from the store (`next_run_at <= now` for active
 * subscriptions), each (subscription, period) is claimed before anything is posted, and the
 * schedule advances only once the period is settled. Any number of engines (replicas, the
 * `npm run digest` command) may run at once on one PostgreSQL database: the claim makes each
 * digest go out once.
 *
 * The steps live next door: `scheduled-run.ts` (claim and deliver one due slot), `catch-up.ts`
 * (slots over 24 h old), `retry-policy.ts`, `slack-failures.ts`, `once-a-week.ts` (the schedule and
 * Send now share a week), `send-now.ts`.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { DigestDeliveriesRepository } from '../store/digest-deliveries-repository.js';
import type { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';
import type { DigestSlack } from './digest-slack.js';
import { buildContents, type EngineContext } from './engine-context.js';
import { emptySummary, type RunSummary } from './run-summary.js';
import { claimDue, deliverScheduled, type ClaimedSlot } from './scheduled-run.js';
import { sendNow, type SendNowResult } from './send-now.js';
import type { DigestContentSource } from './types.js';

export type { SendNowResult } from './send-now.js';

export interface DigestEngineOptions {
  subscriptions: DigestSubscriptionsRepository;
  deliveries: DigestDeliveriesRepository;
  content: DigestContentSource;
  slack: DigestSlack;
  logger: Logger;
  now?: () => number;
  /** Names this engine's claims. Default: host, pid and a random part. */
  instanceId?: string;
  /**
   * True when no other engine can be running on this database (the SQLite scheduler lock is
   * held): claims left `sending` by another instance are then dead at once, not after the lease.
   */
  soleEngine?: boolean;
}

export class DigestEngine {
  readonly #ctx: EngineContext;

  constructor(options: DigestEngineOptions) {
    this.#ctx = {
      subscriptions: options.subscriptions,
      deliveries: options.deliveries,
      content: options.content,
      slack: options.slack,
      logger: options.logger.child({ component: 'digest' }),
      now: options.now ?? Date.now,
      instanceId: options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      soleEngine: options.soleEngine ?? false,
      haltedTeams: new Map(),
    };
  }

  /** This engine's name in `claimed_by`. */
  get instanceId(): string {
    return this.#ctx.instanceId;
  }

  /**
   * Sends every digest due at `at` (default now), once: slots under 24 h old are sent (late if
   * kpibot was down), older ones recorded `missed`; claims left by a crashed instance are
   * resolved by looking for the digest in the channel first. `only.subscriptionId` limits the
   * run to one subscription (`npm run digest -- --subscription <id>`).
   */
  async runDue(at: Date = new Date(this.#ctx.now()), only?: { subscriptionId?: string }): Promise<RunSummary> {
    const ctx = this.#ctx;
    const summary = emptySummary();
    const claimed: ClaimedSlot[] = [];
    const due = await ctx.subscriptions.listDue(at);
    for (const subscription of due.filter((s) => only?.subscriptionId === undefined || s.id === only.subscriptionId)) {
      if (ctx.haltedTeams.has(subscription.teamId)) continue;
      try {
        const ready = await claimDue(ctx, subscription, at, summary);
        if (ready) claimed.push(ready);
      } catch (error) {
        // One bad row (removed meanwhile, a zone luxon no longer knows) must not stop the others.
        summary.retrying += 1;
        ctx.logger.error('could not claim a due digest', { subscriptionId: subscription.id, error });
      }
    }

    // One content build per slot: subscriptions due at one moment share their Gtmhub reads.
    for (const group of groupBySlot(claimed)) {
      const contents = await buildContents(ctx, group.map((c) => c.subscription), group[0]!.slot);
      for (const item of group) {
        if (ctx.haltedTeams.has(item.subscription.teamId)) {
          await ctx.deliveries.release(item.delivery.id, ctx.instanceId, { error: 'Slack refused the bot token.', countAttempt: false });
          continue;
        }
        try {
          await deliverScheduled(ctx, item, contents.get(item.subscription.id), summary);
        } catch (error) {
          summary.retrying += 1;
          ctx.logger.error('digest delivery failed unexpectedly; the claim will be retried after its lease', { subscriptionId: item.subscription.id, error });
        }
      }
    }
    summary.haltedTeams = [...ctx.haltedTeams.keys()];
    if (claimed.length > 0 || summary.missed > 0) ctx.logger.info('digest run finished', { at: at.toISOString(), ...summary });
    return summary;
  }

  /** Posts the last complete week's digest now; see `send-now.ts`. */
  sendNow(subscriptionId: string): Promise<SendNowResult> {
    return sendNow(this.#ctx, subscriptionId);
  }
}

function groupBySlot(claimed: ClaimedSlot[]): ClaimedSlot[][] {
  const groups = new Map<number, ClaimedSlot[]>();
  for (const item of claimed) {
    const group = groups.get(item.slot.getTime()) ?? [];
    group.push(item);
    groups.set(item.slot.getTime(), group);
  }
  return [...groups.values()];
}
