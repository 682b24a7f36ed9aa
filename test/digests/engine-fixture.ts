/**
 * The digests on the scheduling core against the real Slack simulator (over loopback HTTP) and a
 * real store, with one fake clock for both (the simulator stamps message ts with it, and recovery
 * reads history by ts) and a fake content source and renderer (the real ones are tested with the
 * Gtmhub simulator and as views elsewhere).
 */
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe } from 'vitest';
import type { Digests } from '../../src/digests/digests.js';
import { digestClaimKey, DIGEST_EVENT_TYPE, type DigestTrigger } from '../../src/digests/keys.js';
import type { DigestContentSource, DigestReport } from '../../src/digests/report.js';
import { periodForRun } from '../../src/digests/schedule.js';
import { DigestSubscriptions } from '../../src/digests/subscriptions.js';
import type { DigestSubscription } from '../../src/digests/types.js';
import { GtmhubServerError } from '../../src/gtmhub/errors.js';
import { createMemoryLogger } from '../../src/log.js';
import { createScheduledWork } from '../../src/runtime.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import type { Claim } from '../../src/scheduling/claims.js';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import type { Rendered } from '../../src/scheduling/kind.js';
import type { SlackMessage } from '../../src/slack/scheduling/slack-post-port.js';
import type { Store } from '../../src/store/database.js';
import { DigestSubscriptionsRepository, type NewDigestSubscription } from '../../src/store/digest-subscriptions-repository.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

/** A settable clock shared by the engine, the repositories and the simulator. */
export class FakeClock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  /** What the engine's waits do here: move time on, and remember how long each was. */
  readonly sleeps: number[] = [];
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.ms += ms;
  };
}

/** Builds an empty report per subscription, or a skip, or fails like Gtmhub would, as told; renders `parts` messages per report. */
export class FakeContent implements DigestContentSource {
  parts = 1;
  failWith: Error | undefined;
  skipReason: string | undefined;
  readonly builds: Array<{ ids: string[]; at: Date }> = [];

  async build(subscriptions: readonly DigestSubscription[], at: Date): Promise<Map<string, DigestReport>> {
    this.builds.push({ ids: subscriptions.map((s) => s.id), at });
    if (this.failWith) throw this.failWith;
    return new Map(
      subscriptions.map((s): [string, DigestReport] => {
        const period = periodForRun(at, s.zone);
        if (this.skipReason !== undefined) return [s.id, { kind: 'skip', period, reason: this.skipReason }];
        return [s.id, { kind: 'post', period, scope: { kind: 'kpis', count: 0 }, updated: [], notUpdated: [], missingKpis: 0, listNotUpdated: false, locale: 'en-US' }];
      }),
    );
  }

  render = (report: DigestReport): Rendered<SlackMessage> => {
    if (report.kind === 'skip') return report;
    const messages = Array.from({ length: this.parts }, (_, i) => ({
      text: `Digest ${report.period} part ${i + 1}`,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `Digest ${report.period} part ${i + 1}` } }],
    }));
    return { kind: 'post', messages };
  };
}

/** The digests on a scheduling engine over `store`, posting to the simulator. */
export function digestsOn(
  store: Store,
  options: { slack: { botToken: string; apiUrl: string; timeoutMs?: number }; content: FakeContent; logger: ReturnType<typeof createMemoryLogger>; clock: FakeClock; soleEngine?: boolean },
): Digests {
  return createScheduledWork({
    store,
    slack: options.slack,
    content: options.content,
    renderDigest: options.content.render,
    logger: options.logger,
    now: options.clock.now,
    sleep: options.clock.sleep,
    soleEngine: options.soleEngine ?? false,
  }).digests;
}

/** Reads digest claims as the old deliveries repository did: by subscription, week and trigger. */
export class DigestDeliveries {
  readonly #claims: ScheduledDeliveriesRepository;
  constructor(store: Store) {
    this.#claims = new ScheduledDeliveriesRepository(store.db);
  }
  get(subscriptionId: string, period: string, trigger: DigestTrigger = 'schedule'): Promise<Claim | undefined> {
    return this.#claims.get('digest', digestClaimKey(subscriptionId, period, trigger));
  }
  claim(request: { subscriptionId: string; period: string; trigger: DigestTrigger; channelId: string; instanceId: string; at: Date; leaseMs: number }) {
    return this.#claims.claim({
      kind: 'digest',
      subjectId: request.subscriptionId,
      claimKey: digestClaimKey(request.subscriptionId, request.period, request.trigger),
      lane: request.channelId,
      instanceId: request.instanceId,
      at: request.at,
      leaseMs: request.leaseMs,
    });
  }
}

export interface EngineWorld {
  clock: FakeClock;
  slack: SlackSimulator;
  content: FakeContent;
  subscriptions: DigestSubscriptionsRepository;
  deliveries: DigestDeliveries;
  logs: string[];
  /** A new engine on `store` (a restart, or another replica with its own store). */
  engine(options?: { store?: Store; soleEngine?: boolean }): Digests;
  subscribe(overrides?: Partial<NewDigestSubscription>): Promise<DigestSubscription>;
  /** Posts into the simulator as kpibot would, with a digest's metadata (a post whose record was lost). */
  postAsKpibot(channel: string, metadata: Record<string, unknown>, threadTs?: string): Promise<string>;
  close(): Promise<void>;
}

/** Monday 2026-11-30 09:00 in Berlin. */
export const SLOT = '2026-11-30T08:00:00.000Z';
export const OWNER = 'U0SANDBOX';
/** The week a digest at `SLOT` reports on: the one before Monday 2026-11-30. */
export const PERIOD = '2026-W48';

export async function startEngineWorld(store: Store, startIso = '2026-11-25T09:00:00.000Z'): Promise<EngineWorld> {
  const clock = new FakeClock(Date.parse(startIso));
  const slack = await startSlackSimulator({ now: clock.now });
  const content = new FakeContent();
  const logger = createMemoryLogger('debug');
  const subscriptions = new DigestSubscriptionsRepository(store.db, { now: () => new Date(clock.now()) });
  const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  // Subscribing computes the first slot as the app does.
  const service = new DigestSubscriptions(subscriptions, { now: clock.now });
  return {
    clock,
    slack,
    content,
    subscriptions,
    deliveries: new DigestDeliveries(store),
    logs: logger.lines,
    engine: (options = {}) =>
      digestsOn(options.store ?? store, {
        slack: { botToken: slack.botToken, apiUrl: slack.apiUrl },
        content,
        logger,
        clock,
        ...(options.soleEngine !== undefined ? { soleEngine: options.soleEngine } : {}),
      }),
    subscribe: (overrides = {}) =>
      service.create({
        teamId: slack.teamId,
        channelId: 'C0KPIS',
        ownerUserId: OWNER,
        selection: { kind: 'kpis', kpiIds: ['k1'] },
        weekday: 1,
        time: '09:00',
        zone: 'Europe/Berlin',
        skipWhenUnchanged: false,
        listNotUpdated: false,
        ...overrides,
      }),
    async postAsKpibot(channel, payload, threadTs) {
      const result = await client.chat.postMessage({
        channel,
        text: 'a digest posted before a crash',
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: payload as Record<string, string | number> },
      });
      return result.ts!;
    },
    close: () => slack.close(),
  };
}

/** Digest messages the simulator holds in `channel` (thread replies included). */
export function digestMessages(slack: SlackSimulator, channel: string) {
  return slack.messages(channel).filter((m) => m.metadata?.event_type === DIGEST_EVENT_TYPE);
}

/** Leaves a claim as an instance that crashed right after claiming would (`sending`, nothing recorded). */
export async function claimAsCrashedInstance(world: EngineWorld, subscriptionId: string, claimedAtIso: string, trigger: DigestTrigger = 'schedule'): Promise<void> {
  const claim = await world.deliveries.claim({
    subscriptionId,
    period: PERIOD,
    trigger,
    channelId: 'C0KPIS',
    instanceId: 'crashed-host:4242:dead',
    at: new Date(claimedAtIso),
    leaseMs: CLAIM_LEASE_MS,
  });
  if (claim.kind !== 'claimed') throw new Error('the test could not set up the crashed claim');
}

/** `iso` plus `plusMs`, as ISO text. */
export function at(iso: string, plusMs: number): string {
  return new Date(Date.parse(iso) + plusMs).toISOString();
}

/** What the content source raises when Gtmhub's snapshot endpoint fails. */
export function gtmhubDown(): GtmhubServerError {
  return new GtmhubServerError({ method: 'GET', path: '/v1/kpi-snapshots', status: 503 });
}

/**
 * Runs `suite` once per available dialect; every test gets a fresh store and engine world
 * (starting at `startIso`), reached through the getters.
 */
export function describeOnEveryStore(name: string, suite: (get: { world: () => EngineWorld; store: () => TestStore }) => void, startIso?: string): void {
  for (const target of storeTargets()) {
    describe.skipIf(target.skipReason !== undefined)(`${name} ${target.name}`, () => {
      let store: TestStore;
      let world: EngineWorld;
      beforeEach(async () => {
        store = await openTestStore(target.dialect);
        world = await startEngineWorld(store, startIso);
      });
      afterEach(async () => {
        await world?.close();
        await store?.close();
      });
      suite({ world: () => world, store: () => store });
    });
  }
}
