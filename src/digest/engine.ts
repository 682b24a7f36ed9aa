/**
 * The digest engine: what is due comes from the store (`next_run_at <= now` for active
 * subscriptions), each (subscription, period) is claimed before anything is posted, and the
 * schedule advances only once the period is settled. Any number of engines (replicas, the
 * `npm run digest` command) may run at once on one PostgreSQL database: the claim makes each
 * digest go out once.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { describeFailure } from '../kpis/failure-sentences.js';
import type { Logger } from '../log.js';
import type { DigestDeliveriesRepository, DigestDelivery, DigestDeliveryTrigger } from '../store/digest-deliveries-repository.js';
import type { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';
import { ownerNoticeFor, pausedReasonFor, tokenRefusedLogLine } from './attention.js';
import { deliverDigest, type DeliveryOutcome } from './deliver.js';
import type { DigestSlack, DigestSlackError } from './digest-slack.js';
import { nextRunAt, periodForRun } from './schedule.js';
import type { DigestContent, DigestContentSource, DigestSubscription } from './types.js';

/** A `sending` claim not renewed for this long is presumed dead (its process crashed). */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** A slot older than this when kpibot gets to it is recorded `missed`, not sent late. */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60_000;
/** Tries of one delivery (Gtmhub errors, Slack refusals) before it is marked `failed`. */
export const MAX_ATTEMPTS = 5;
const NOT_BUILT = 'The digest could not be built for this subscription; kpibot logged the details.';

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

/** What `runDue` did, for logs and the `npm run digest` summary. */
export interface RunSummary {
  sent: number;
  skipped: number;
  missed: number;
  failed: number;
  /** Left for a later heartbeat: Gtmhub/Slack errors with retries left, rate limits, unknown outcomes. */
  retrying: number;
  /** Another instance held the claim. */
  busy: number;
  paused: number;
  /** Workspaces whose token Slack refused. */
  haltedTeams: string[];
}

/** What Send now did, for the reply in Slack. `reason` is one sentence for the user. */
export type SendNowResult =
  | { kind: 'sent'; period: string; messageTs: string }
  | { kind: 'skipped'; period: string; reason: string }
  | { kind: 'already_sent'; period: string; messageTs: string | null }
  | { kind: 'in_progress'; period: string }
  | { kind: 'failed'; period: string; reason: string }
  | { kind: 'not_found' };

interface Claimed {
  subscription: DigestSubscription;
  slot: Date;
  delivery: DigestDelivery;
  previous: DigestDelivery | undefined;
  recovering: boolean;
}

export class DigestEngine {
  /** This engine's name in `claimed_by`. */
  readonly instanceId: string;
  readonly #subscriptions: DigestSubscriptionsRepository;
  readonly #deliveries: DigestDeliveriesRepository;
  readonly #content: DigestContentSource;
  readonly #slack: DigestSlack;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #soleEngine: boolean;
  /** Workspaces whose bot token Slack refused: nothing more is posted there until a restart. */
  readonly #haltedTeams = new Map<string, string>();

  constructor(options: DigestEngineOptions) {
    this.#subscriptions = options.subscriptions;
    this.#deliveries = options.deliveries;
    this.#content = options.content;
    this.#slack = options.slack;
    this.#logger = options.logger.child({ component: 'digest' });
    this.#now = options.now ?? Date.now;
    this.#soleEngine = options.soleEngine ?? false;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  /**
   * Sends every digest due at `at` (default now), once: slots under 24 h old are sent (late if
   * kpibot was down), older ones recorded `missed`; claims left by a crashed instance are
   * resolved by looking for the digest in the channel first. `only.subscriptionId` limits the
   * run to one subscription (`npm run digest -- --subscription <id>`).
   */
  async runDue(at: Date = new Date(this.#now()), only?: { subscriptionId?: string }): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, skipped: 0, missed: 0, failed: 0, retrying: 0, busy: 0, paused: 0, haltedTeams: [] };
    const claimed: Claimed[] = [];
    const due = await this.#subscriptions.listDue(at);
    for (const subscription of due.filter((s) => only?.subscriptionId === undefined || s.id === only.subscriptionId)) {
      if (this.#haltedTeams.has(subscription.teamId)) continue;
      try {
        const ready = await this.#claimDue(subscription, at, summary);
        if (ready) claimed.push(ready);
      } catch (error) {
        // One bad row (removed meanwhile, a zone luxon no longer knows) must not stop the others.
        summary.retrying += 1;
        this.#logger.error('could not claim a due digest', { subscriptionId: subscription.id, error });
      }
    }

    // One content build per slot: subscriptions due at one moment share their Gtmhub reads.
    for (const group of groupBySlot(claimed)) {
      const contents = await this.#build(group.map((c) => c.subscription), group[0]!.slot);
      for (const item of group) {
        if (this.#haltedTeams.has(item.subscription.teamId)) {
          await this.#deliveries.release(item.delivery.id, this.instanceId, { error: 'Slack refused the bot token.', countAttempt: false });
          continue;
        }
        try {
          await this.#deliverScheduled(item, contents.get(item.subscription.id), summary);
        } catch (error) {
          summary.retrying += 1;
          this.#logger.error('digest delivery failed unexpectedly; the claim will be retried after its lease', { subscriptionId: item.subscription.id, error });
        }
      }
    }
    summary.haltedTeams = [...this.#haltedTeams.keys()];
    if (claimed.length > 0 || summary.missed > 0) this.#logger.info('digest run finished', { at: at.toISOString(), ...summary });
    return summary;
  }

  /**
   * Posts a subscription's digest for the last complete week now ("Send now"), whatever its
   * schedule and status; the scheduled run is unaffected. Clicking again for the same week answers
   * `already_sent` (after a failure or a skip it tries again).
   */
  async sendNow(subscriptionId: string): Promise<SendNowResult> {
    const subscription = await this.#subscriptions.get(subscriptionId);
    if (!subscription) return { kind: 'not_found' };
    const at = new Date(this.#now());
    const period = periodForRun(at, subscription.zone);
    const halted = this.#haltedTeams.get(subscription.teamId);
    if (halted) return { kind: 'failed', period, reason: `Slack refused kpibot's token (${halted}): ask whoever runs kpibot to reinstall the app.` };

    const claim = await this.#claim(subscription, period, 'manual', at);
    if (claim.kind === 'settled') return { kind: 'already_sent', period, messageTs: claim.delivery.messageTs };
    if (claim.kind === 'busy') return { kind: 'in_progress', period };

    const contents = await this.#build([subscription], at);
    const content = contents.get(subscription.id);
    if (content === undefined || content instanceof Error) {
      const reason = content ? describeFailure(content, 'reading the KPIs for the digest') : NOT_BUILT;
      await this.#deliveries.settle(claim.delivery.id, this.instanceId, { status: 'failed', at, error: reason });
      return { kind: 'failed', period, reason };
    }
    const outcome = await this.#deliver(subscription, claim.delivery, content, claim.recovering ? claim.previous : undefined, true);
    switch (outcome.kind) {
      case 'sent':
        return { kind: 'sent', period, messageTs: outcome.messageTs };
      case 'skipped':
        return { kind: 'skipped', period, reason: outcome.reason };
      case 'slack_failed': {
        const reason = await this.#handleSlackFailure(subscription, claim.delivery, outcome.failure, { countAttempt: true, finalOnRefusal: true });
        return { kind: 'failed', period, reason };
      }
      default:
        return { kind: 'in_progress', period };
    }
  }

  /** Skips slots too old to send, then claims the current one; undefined when there is nothing to deliver now. */
  async #claimDue(subscription: DigestSubscription, at: Date, summary: RunSummary): Promise<Claimed | undefined> {
    let slot = subscription.nextRunAt;
    while (at.getTime() - slot.getTime() >= CATCH_UP_WINDOW_MS) {
      await this.#resolveTooOld(subscription, slot, at, summary);
      slot = nextRunAt(subscription, slot);
    }
    if (slot.getTime() !== subscription.nextRunAt.getTime()) {
      if (!(await this.#subscriptions.advance(subscription.id, subscription.nextRunAt, slot, { failed: false }))) return undefined;
      if (slot > at) return undefined;
    }

    const period = periodForRun(slot, subscription.zone);
    const claim = await this.#claim(subscription, period, 'schedule', at);
    if (claim.kind === 'busy') {
      summary.busy += 1;
      return undefined;
    }
    if (claim.kind === 'settled') {
      // Settled by an instance that stopped before moving the schedule on: move it now.
      await this.#advance(subscription, slot, claim.delivery.status === 'failed' ? claim.delivery.lastError : undefined);
      return undefined;
    }
    return { subscription, slot, delivery: claim.delivery, previous: claim.previous, recovering: claim.recovering };
  }

  /** A slot over 24 h old: record it `missed`, unless a crashed claimant had posted it (then `sent`). */
  async #resolveTooOld(subscription: DigestSubscription, slot: Date, at: Date, summary: RunSummary): Promise<void> {
    const period = periodForRun(slot, subscription.zone);
    const claim = await this.#claim(subscription, period, 'schedule', at);
    if (claim.kind !== 'claimed') return;
    const missed = `kpibot was not running within 24 hours of the ${slot.toISOString()} slot.`;
    if (claim.recovering || claim.delivery.messageTs !== null) {
      const outcome = await this.#deliver(subscription, claim.delivery, { kind: 'skip', period, reason: missed }, claim.recovering ? claim.previous : undefined, false);
      if (outcome.kind === 'sent') {
        summary.sent += 1;
        return;
      }
      if (outcome.kind !== 'not_found') return;
    }
    await this.#deliveries.settle(claim.delivery.id, this.instanceId, { status: 'missed', at, error: missed });
    summary.missed += 1;
    this.#logger.info('digest slot missed', { subscriptionId: subscription.id, period, slot: slot.toISOString() });
  }

  async #deliverScheduled(item: Claimed, content: DigestContent | Error | undefined, summary: RunSummary): Promise<void> {
    const { subscription, delivery, slot } = item;
    if (content === undefined || content instanceof Error) {
      const reason = content ? describeFailure(content, 'reading the KPIs for the digest') : NOT_BUILT;
      if (content instanceof Error) this.#logger.warn('digest content failed', { subscriptionId: subscription.id, error: content });
      await this.#retryOrFail(subscription, delivery, slot, reason, summary);
      return;
    }
    if (content.period !== delivery.period) {
      this.#logger.warn('digest content is for another week than the claim', { subscriptionId: subscription.id, claimed: delivery.period, built: content.period });
    }
    const outcome = await this.#deliver(subscription, delivery, content, item.recovering ? item.previous : undefined, true);
    switch (outcome.kind) {
      case 'sent':
      case 'skipped':
        summary[outcome.kind] += 1;
        await this.#advance(subscription, slot);
        return;
      case 'slack_failed': {
        const failure = outcome.failure;
        if (failure.kind === 'refused') {
          await this.#retryOrFail(subscription, delivery, slot, `Slack refused the digest (${failure.slackError}).`, summary);
          return;
        }
        await this.#handleSlackFailure(subscription, delivery, failure, { countAttempt: false, finalOnRefusal: false });
        if (failure.kind === 'channel_gone') summary.paused += 1;
        else summary.retrying += 1;
        return;
      }
      case 'not_found':
      case 'lost':
        summary.busy += 1;
        return;
    }
  }

  /** Gives the claim back for the next heartbeat, or, with no tries left, marks it failed and moves on. */
  async #retryOrFail(subscription: DigestSubscription, delivery: DigestDelivery, slot: Date, reason: string, summary: RunSummary): Promise<void> {
    if (delivery.attempts + 1 >= MAX_ATTEMPTS) {
      await this.#deliveries.settle(delivery.id, this.instanceId, { status: 'failed', at: new Date(this.#now()), error: reason });
      await this.#advance(subscription, slot, reason);
      summary.failed += 1;
      this.#logger.warn('digest failed after its last try', { subscriptionId: subscription.id, period: delivery.period, attempts: delivery.attempts + 1, reason });
      return;
    }
    await this.#deliveries.release(delivery.id, this.instanceId, { error: reason, countAttempt: true });
    summary.retrying += 1;
  }

  /**
   * Acts on a Slack failure other than a plain refusal; returns the sentence for the user.
   * - channel gone → the subscription is paused with its reason and the owner gets a DM;
   * - token refused → delivery stops for the workspace (one log line) and the claim stays retryable;
   * - rate limited → the claim goes back uncounted; unknown outcome → the claim stays `sending`
   *   so that, after the lease, the next claimant looks in the channel before posting.
   */
  async #handleSlackFailure(
    subscription: DigestSubscription,
    delivery: DigestDelivery,
    failure: DigestSlackError,
    options: { countAttempt: boolean; finalOnRefusal: boolean },
  ): Promise<string> {
    const at = new Date(this.#now());
    switch (failure.kind) {
      case 'channel_gone': {
        const reason = pausedReasonFor(failure.slackError, delivery.channelId);
        await this.#deliveries.settle(delivery.id, this.instanceId, { status: 'failed', at, error: reason });
        await this.#subscriptions.pause(subscription.id, reason);
        await this.#slack.notifyUser(subscription.ownerUserId, ownerNoticeFor(failure.slackError, delivery.channelId));
        this.#logger.warn('digest paused: Slack will not let kpibot post in its channel', { subscriptionId: subscription.id, channelId: delivery.channelId, slackError: failure.slackError });
        return reason;
      }
      case 'auth':
        await this.#deliveries.release(delivery.id, this.instanceId, { error: `Slack refused the bot token (${failure.slackError}).`, countAttempt: false });
        if (!this.#haltedTeams.has(subscription.teamId)) {
          this.#haltedTeams.set(subscription.teamId, failure.slackError);
          this.#logger.error(tokenRefusedLogLine(failure.slackError, subscription.teamId), { teamId: subscription.teamId, slackError: failure.slackError });
        }
        return `Slack refused kpibot's token (${failure.slackError}): ask whoever runs kpibot to reinstall the app.`;
      case 'rate_limited':
        await this.#deliveries.release(delivery.id, this.instanceId, { error: 'Slack rate limited the digest.', countAttempt: false });
        return 'Slack is rate limiting kpibot right now: the digest will be sent in a minute or two.';
      case 'refused': {
        const reason = `Slack refused the digest (${failure.slackError}); kpibot logged the details.`;
        if (options.finalOnRefusal) await this.#deliveries.settle(delivery.id, this.instanceId, { status: 'failed', at, error: reason });
        else await this.#deliveries.release(delivery.id, this.instanceId, { error: reason, countAttempt: options.countAttempt });
        this.#logger.warn('Slack refused a digest', { subscriptionId: subscription.id, slackError: failure.slackError });
        return reason;
      }
      case 'unknown':
        this.#logger.warn('a digest post may or may not have reached Slack; it will be checked after the claim lease', {
          subscriptionId: subscription.id,
          period: delivery.period,
          slackError: failure.slackError,
        });
        return 'Slack did not answer in time; kpibot will check the channel and finish the digest in a few minutes.';
    }
  }

  #claim(subscription: DigestSubscription, period: string, trigger: DigestDeliveryTrigger, at: Date) {
    return this.#deliveries.claim({
      subscriptionId: subscription.id,
      period,
      trigger,
      channelId: subscription.channelId,
      instanceId: this.instanceId,
      at,
      leaseMs: CLAIM_LEASE_MS,
      othersAreDead: this.#soleEngine,
    });
  }

  #deliver(subscription: DigestSubscription, delivery: DigestDelivery, content: DigestContent, recoveringFrom: DigestDelivery | undefined, postIfMissing: boolean): Promise<DeliveryOutcome> {
    return deliverDigest(
      { deliveries: this.#deliveries, slack: this.#slack, instanceId: this.instanceId, now: this.#now, logger: this.#logger },
      { subscription, delivery, content, postIfMissing, ...(recoveringFrom ? { recoveringFrom } : {}) },
    );
  }

  /** The content per subscription id, or the error that prevented building it (for all of them). */
  async #build(subscriptions: DigestSubscription[], at: Date): Promise<Map<string, DigestContent | Error>> {
    try {
      return await this.#content.build(subscriptions, at);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      return new Map(subscriptions.map((s) => [s.id, failure]));
    }
  }

  async #advance(subscription: DigestSubscription, slot: Date, failedWith?: string | null): Promise<void> {
    const failed = failedWith !== undefined;
    await this.#subscriptions.advance(subscription.id, slot, nextRunAt(subscription, slot), { failed, error: failedWith ?? null });
  }
}

function groupBySlot(claimed: Claimed[]): Claimed[][] {
  const groups = new Map<number, Claimed[]>();
  for (const item of claimed) {
    const group = groups.get(item.slot.getTime()) ?? [];
    group.push(item);
    groups.set(item.slot.getTime(), group);
  }
  return [...groups.values()];
}
