/**
 * Several kpibot processes at once: PostgreSQL replicas share the work and still send each digest
 * once; a second process on one SQLite file does not run the scheduler at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { startScheduler } from '../../src/scheduling/scheduler.js';
import { acquireSchedulerLock, SchedulerLockedError } from '../../src/scheduling/single-runner-lock.js';
import type { Store } from '../../src/store/database.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { freshStorePlace, openTestStore, storeTargets, type StorePlace, type TestStore } from '../helpers/stores.js';
import { digestMessages, digestsOn, FakeContent, SLOT, startEngineWorld, type EngineWorld } from './engine-fixture.js';

const postgres = storeTargets().find((t) => t.dialect === 'postgres')!;

describe.skipIf(postgres.skipReason !== undefined)(`two engines ${postgres.name}`, () => {
  let place: StorePlace;
  let stores: Store[] = [];
  let world: EngineWorld;

  afterEach(async () => {
    await world?.close();
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
    await place?.remove();
  });

  it('post exactly 50 digests for 50 due subscriptions, each once', async () => {
    place = await freshStorePlace('postgres');
    // Two pools on one schema, as two replicas would have.
    stores = [await place.open(), await place.open()];
    world = await startEngineWorld(stores[0]!);
    const channels = ['C0KPIS', 'C0GENERAL', 'G0LEADERS'];
    for (let i = 0; i < 50; i += 1) await world.subscribe({ channelId: channels[i % channels.length]! });
    world.clock.set(SLOT);

    const [a, b] = [world.engine({ store: stores[0]! }), world.engine({ store: stores[1]! })];
    const summaries = await Promise.all([a.runDue(), b.runDue()]);

    const posted = channels.flatMap((c) => digestMessages(world.slack, c));
    expect(posted).toHaveLength(50);
    expect(new Set(posted.map((m) => m.metadata?.event_payload.subscription_id)).size).toBe(50);
    expect(summaries[0].sent + summaries[1].sent).toBe(50);
  });
});

describe('the SQLite single-runner lock', () => {
  let folder: string;
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses a second scheduler on the same file, naming the process that has it', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'kpibot-lock-'));
    const file = path.join(folder, 'kpibot.sqlite');
    const first = acquireSchedulerLock(file);
    expect(() => acquireSchedulerLock(file)).toThrow(SchedulerLockedError);
    expect(() => acquireSchedulerLock(file)).toThrow(
      `another kpibot instance (pid ${process.pid}) runs the scheduler on ${file}; this one will not send digests or other scheduled posts`,
    );
    first.release();
    acquireSchedulerLock(file).release();
  });
});

describe('a second kpibot on one SQLite file', () => {
  let store: TestStore | undefined;
  let world: EngineWorld | undefined;
  afterEach(async () => {
    await world?.close();
    await store?.close();
  });

  it('runs no scheduler and logs one clear line saying why', async () => {
    const target = storeTargets().find((t) => t.dialect === 'sqlite')!;
    store = await openTestStore(target.dialect);
    world = await startEngineWorld(store);
    const sqlitePath = store.place.sqlitePath!;
    const options = (logger: ReturnType<typeof createMemoryLogger>) => ({
      location: { sqlitePath },
      logger,
      createEngine: (soleEngine: boolean) => {
        const digests = digestsOn(store!, { slack: { botToken: world!.slack.botToken, apiUrl: world!.slack.apiUrl }, content: new FakeContent(), logger, clock: world!.clock, soleEngine });
        return { digests, instanceId: 'test', runDue: () => digests.runDue() };
      },
    });
    const firstLogs = createMemoryLogger('info');
    const secondLogs = createMemoryLogger('info');
    const first = startScheduler(options(firstLogs));
    const second = startScheduler(options(secondLogs));
    try {
      expect(first.scheduling).toBe(true);
      expect(second.scheduling).toBe(false);
      const refusals = secondLogs.lines.filter((l) => l.includes('runs the scheduler on'));
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toContain(`another kpibot instance (pid ${process.pid}) runs the scheduler on ${sqlitePath}; this one will not send digests or other scheduled posts`);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

describe('KPIBOT_SCHEDULER=off (npm run due from cron instead)', () => {
  let store: TestStore | undefined;
  let world: EngineWorld | undefined;
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    await world?.close();
    await store?.close();
    [harness, world, store] = [undefined, undefined, undefined];
  });

  it('the app runs no heartbeat', async () => {
    harness = await startHarness({ env: { KPIBOT_SCHEDULER: 'off' } });
    expect(harness.kpibot.scheduler.scheduling).toBe(false);
  });

  it('the app runs no heartbeat with the older name KPIBOT_DIGEST_SCHEDULER=off either', async () => {
    harness = await startHarness({ env: { KPIBOT_DIGEST_SCHEDULER: 'off' } });
    expect(harness.kpibot.scheduler.scheduling).toBe(false);
  });

  it('a scheduler without heartbeat leaves the SQLite lock free for npm run digest, and Send now still works', async () => {
    store = await openTestStore('sqlite');
    world = await startEngineWorld(store);
    const sqlitePath = store.place.sqlitePath!;
    const logger = createMemoryLogger('info');
    const app = startScheduler({
      location: { sqlitePath },
      logger,
      heartbeat: false,
      createEngine: (soleEngine) => {
        const digests = digestsOn(store!, { slack: { botToken: world!.slack.botToken, apiUrl: world!.slack.apiUrl }, content: world!.content, logger, clock: world!.clock, soleEngine });
        return { digests, instanceId: 'test', runDue: () => digests.runDue() };
      },
    });
    try {
      acquireSchedulerLock(sqlitePath).release();
      const sub = await world.subscribe();
      expect(await app.engine.digests.sendNow(sub.id)).toMatchObject({ kind: 'sent' });
    } finally {
      await app.stop();
    }
  });
});
