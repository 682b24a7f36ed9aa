/**
 * Two kpibot app instances — each its own composition root, PostgreSQL pool and digest engine —
 * against one PostgreSQL schema, one Gtmhub and one Slack: 50 due subscriptions give exactly 50
 * digests, each once, with the real content (batched Gtmhub reads) and the real delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKpibot } from '../../src/kpibot.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startReplicas } from '../helpers/replicas.js';
import { HARNESS_START } from '../helpers/harness.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';

const postgres = storeTargets().find((t) => t.dialect === 'postgres')!;
const CHANNELS = ['C0KPIS', 'C0GENERAL', 'G0LEADERS']; // the bot is a member of each

describe.skipIf(postgres.skipReason !== undefined)(`two app instances sharing one database ${postgres.name}`, () => {
  let gtmhub: GtmhubSimulator;
  let slack: SlackSimulator;
  let place: StorePlace;
  let apps: RunningKpibot[] = [];
  // One clock for both replicas, the simulator and the test: nothing depends on the real date.
  const clock = new FakeClock(HARNESS_START);

  beforeAll(async () => {
    [gtmhub, slack] = await Promise.all([startGtmhubSimulator({ now: () => new Date(clock.now()) }), startSlackSimulator()]);
    place = await freshStorePlace('postgres');
    apps = await startReplicas({ gtmhub, slack, place, clock, signingSecret: 'replicas-secret' });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop({ drainMs: 5_000 })));
    await Promise.all([gtmhub?.close(), slack?.close()]);
    await place?.remove();
  });

  it('posts 50 digests for 50 due subscriptions, each once, sharing the Gtmhub reads', async () => {
    const kpiIds = [...gtmhub.state.kpis.keys()].slice(0, 12);
    const repository = apps[0]!.deps.digests!.subscriptions;
    const subscriptions = [];
    for (let i = 0; i < 50; i += 1) {
      subscriptions.push(
        await repository.create({
          teamId: slack.teamId,
          channelId: CHANNELS[i % CHANNELS.length]!,
          ownerUserId: 'U0ADMIN',
          selection: { kind: 'kpis', kpiIds },
          weekday: 1,
          time: '09:00',
          zone: 'Europe/Berlin',
          skipWhenUnchanged: false,
          listNotUpdated: true,
        }),
      );
    }
    const slot = subscriptions[0]!.nextRunAt;
    const at = new Date(slot.getTime() + 60_000);
    gtmhub.clearRequests();

    const summaries = await Promise.all(apps.map((app) => app.scheduler.engine.digests.runDue(at)));

    const posted = CHANNELS.flatMap((c) => slack.messages(c)).filter((m) => m.metadata?.event_type === 'kpibot_digest' && !m.thread_ts);
    expect(posted).toHaveLength(50);
    expect(new Set(posted.map((m) => (m.metadata!.event_payload as { subscription_id: string }).subscription_id)).size).toBe(50);
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(50);
    // One (offset, period) group per replica that worked on this slot: never one read per subscription.
    const snapshotReads = gtmhub.requests.filter((r) => r.route === 'GET /v1/kpi-snapshots' || r.route === 'GET /v1/kpis/snapshots');
    expect(snapshotReads.length).toBeGreaterThan(0);
    expect(snapshotReads.length).toBeLessThanOrEqual(2);
  });
});
