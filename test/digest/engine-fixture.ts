/**
 * The digest engine against the real Slack simulator (over loopback HTTP) and a real store, with
 * one fake clock for both (the simulator stamps message ts with it, and recovery reads history
 * by ts) and a fake content source (the real one is tested with the Gtmhub simulator elsewhere).
 */
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { DIGEST_EVENT_TYPE } from '../../src/digest/digest-slack.js';
import { CLAIM_LEASE_MS } from '../../src/digest/engine-context.js';
import type { DigestEngine } from '../../src/digest/engine.js';
import { periodForRun } from '../../src/digest/schedule.js';
import { createDigestEngine } from '../../src/digest/scheduler.js';
import type { DigestContent, DigestContentSource, DigestSubscription } from '../../src/digest/types.js';
import { GtmhubServerError } from '../../src/gtmhub/errors.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import type { Store } from '../../src/store/database.js';
import { DigestDeliveriesRepository, type DigestDeliveryTrigger } from '../../src/store/digest-deliveries-repository.js';
import { DigestSubscriptionsRepository, type NewDigestSubscription } from '../../src/store/digest-subscriptions-repository.js';
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

/** Builds `parts` messages per subscription, or fails like Gtmhub would, as told. */
export class FakeContent implements DigestContentSource {
  parts = 1;
  failWith: Error | undefined;
  skipReason: string | undefined;
  readonly builds: Array<{ ids: string[]; at: Date }> = [];

  async build(subscriptions: readonly DigestSubscription[], at: Date): Promise<Map<string, DigestContent>> {
    this.builds.push({ ids: subscriptions.map((s) => s.id), at });
    if (this.failWith) throw this.failWith;
    return new Map(
      subscriptions.map((s): [string, DigestContent] => {
        const period = periodForRun(at, s.zone);
        if (this.skipReason !== undefined) return [s.id, { kind: 'skip', period, reason: this.skipReason }];
        const messages = Array.from({ length: this.parts }, (_, i) => ({
          text: `Digest ${period} part ${i + 1}`,
          blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `Digest ${period} part ${i + 1}` } }],
        }));
        return [s.id, { kind: 'post', period, messages }];
      }),
    );
  }
}

export interface EngineWorld {
  clock: FakeClock;
  slack: SlackSimulator;
  content: FakeContent;
  subscriptions: DigestSubscriptionsRepository;
  deliveries: DigestDeliveriesRepository;
  logs: string[];
  /** A new engine on `store` (a restart, or another replica with its own store). */
  engine(options?: { store?: Store; soleEngine?: boolean }): DigestEngine;
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
  return {
    clock,
    slack,
    content,
    subscriptions,
    deliveries: new DigestDeliveriesRepository(store.db),
    logs: logger.lines,
    engine: (options = {}) =>
      createDigestEngine({
        store: options.store ?? store,
        slack: { botToken: slack.botToken, apiUrl: slack.apiUrl },
        content,
        logger,
        now: clock.now,
        sleep: clock.sleep,
        ...(options.soleEngine !== undefined ? { soleEngine: options.soleEngine } : {}),
      }),
    subscribe: (overrides = {}) =>
      subscriptions.create({
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
export async function claimAsCrashedInstance(world: EngineWorld, subscriptionId: string, claimedAtIso: string, trigger: DigestDeliveryTrigger = 'schedule'): Promise<void> {
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
