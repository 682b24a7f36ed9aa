/**
 * The scheduling core with a kind that is not digests (test/scheduling/ping-kind.ts): two engines,
 * each on its own connection to one database (SQLite file or PostgreSQL schema), run every hourly
 * slot at the same moment; each ping goes out once per slot. Real store, real Slack simulator over
 * HTTP, one fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { CLAIM_LEASE_MS } from '../../src/scheduling/claims.js';
import { SchedulingEngine } from '../../src/scheduling/engine.js';
import { addSummaries } from '../../src/scheduling/run-summary.js';
import { createSlackPostPort, type SlackMessage } from '../../src/slack/scheduling/slack-post-port.js';
import type { Store } from '../../src/store/database.js';
import { ScheduledDeliveriesRepository } from '../../src/store/scheduled-deliveries-repository.js';
import { FakeClock } from '../digests/engine-fixture.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';
import { pingKind, type Ping } from './ping-kind.js';

const START = Date.parse('2026-11-30T08:00:00.000Z');
const HOUR_MS = 3_600_000;
const CHANNELS = ['C0KPIS', 'C0GENERAL', 'G0LEADERS'];

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`a second kind of scheduled work ${target.name}`, () => {
    let place: StorePlace | undefined;
    let stores: Store[] = [];
    let slack: SlackSimulator | undefined;

    afterEach(async () => {
      await slack?.close();
      await Promise.all(stores.map((s) => s.close()));
      await place?.remove();
      [place, stores, slack] = [undefined, [], undefined];
    });

    async function world(pings: Map<string, Ping>, page = Infinity, builds = { count: 0 }, kindOf: (kind: ReturnType<typeof pingKind>) => ReturnType<typeof pingKind> = (k) => k) {
      place = await freshStorePlace(target.dialect);
      // Two connections to one database, as two replicas (or the app and `npm run due`) would have.
      stores = [await place.open(), await place.open()];
      const clock = new FakeClock(START);
      slack = await startSlackSimulator({ now: clock.now });
      const logger = createMemoryLogger('debug');
      const engines = stores.map((store) => {
        const engine = new SchedulingEngine<SlackMessage>({
          claims: new ScheduledDeliveriesRepository(store.db),
          port: createSlackPostPort({ botToken: slack!.botToken, apiUrl: slack!.apiUrl, logger }),
          logger,
          now: clock.now,
          sleep: clock.sleep,
        });
        engine.register(kindOf(pingKind(pings, builds, page)));
        return engine;
      });
      return { clock, engines, slack, claims: new ScheduledDeliveriesRepository(stores[0]!.db) };
    }

    it('two engines post every ping once per hourly slot, and move each ping to its next slot', async () => {
      const pings = new Map<string, Ping>();
      for (let i = 0; i < 6; i += 1) pings.set(`ping-${i}`, { id: `ping-${i}`, channelId: CHANNELS[i % 3]!, nextRunAt: new Date(START) });
      const { clock, engines, slack, claims } = await world(pings);

      let sent = 0;
      for (let hour = 0; hour < 3; hour += 1) {
        clock.ms = START + hour * HOUR_MS + 60_000;
        const summaries = await Promise.all(engines.map((engine) => engine.runAllDue()));
        sent += addSummaries(summaries).sent;
      }

      const posted = CHANNELS.flatMap((c) => slack.messages(c)).filter((m) => m.metadata?.event_type === 'kpibot_test_ping');
      const keys = posted.map((m) => `${String(m.metadata?.event_payload.ping)}/${String(m.metadata?.event_payload.slot)}`);
      expect(keys).toHaveLength(18);
      expect(new Set(keys).size).toBe(18);
      expect(sent).toBe(18);
      for (const ping of pings.values()) expect(ping.nextRunAt).toEqual(new Date(START + 3 * HOUR_MS));
      expect(await claims.get('ping', `ping-0/${new Date(START + HOUR_MS).toISOString()}`)).toMatchObject({ kind: 'ping', subjectId: 'ping-0', lane: 'C0KPIS', status: 'sent' });
    });

    it('claims every page of a due query that answers a page at a time, builds once, and posts in order per channel', async () => {
      const pings = new Map<string, Ping>();
      for (let i = 0; i < 7; i += 1) pings.set(`ping-${i}`, { id: `ping-${i}`, channelId: CHANNELS[i % 2]!, nextRunAt: new Date(START) });
      const builds = { count: 0 };
      const { clock, engines, slack } = await world(pings, 3, builds);
      clock.ms = START + 60_000;
      expect(await engines[0]!.runAllDue()).toMatchObject({ sent: 7 });
      // Three pages, one slot: one content build for all seven.
      expect(builds.count).toBe(1);
      for (const [c, channel] of CHANNELS.slice(0, 2).entries()) {
        const order = slack.messages(channel).filter((m) => m.metadata?.event_type === 'kpibot_test_ping').map((m) => m.metadata?.event_payload.ping);
        expect(order).toEqual([...pings.keys()].filter((_, i) => i % 2 === c));
      }
    });

    it('records what a kind keeps of a post before settling it; when that fails, a later run records it without posting again', async () => {
      const pings = new Map<string, Ping>([['ping-a', { id: 'ping-a', channelId: 'C0KPIS', nextRunAt: new Date(START) }]]);
      const recorded: string[] = [];
      let storeDown = true;
      const { clock, engines, slack, claims } = await world(pings, Infinity, undefined, (kind) => ({
        ...kind,
        async recordSent(_ping, _slot, _content, messageRef) {
          if (storeDown) throw new Error('the store is down');
          recorded.push(messageRef);
        },
      }));
      clock.ms = START + 60_000;
      await engines[0]!.runAllDue();
      const key = `ping-a/${new Date(START).toISOString()}`;
      expect(await claims.get('ping', key)).toMatchObject({ status: 'sending' });
      expect(recorded).toEqual([]);

      storeDown = false;
      clock.ms = START + CLAIM_LEASE_MS + 120_000;
      await engines[1]!.runAllDue();
      const posted = slack.messages('C0KPIS').filter((m) => m.metadata?.event_type === 'kpibot_test_ping');
      expect(posted).toHaveLength(1);
      expect(recorded).toEqual([posted[0]!.ts]);
      expect(await claims.get('ping', key)).toMatchObject({ status: 'sent', messageRef: posted[0]!.ts });
    });

    it('pauses a ping whose channel is archived and DMs its owner, through the same core as digests', async () => {
      const pings = new Map<string, Ping>([['ping-a', { id: 'ping-a', channelId: 'C0ARCHIVED', nextRunAt: new Date(START) }]]);
      const { clock, engines, slack } = await world(pings);
      clock.ms = START;
      expect(await engines[0]!.runAllDue()).toMatchObject({ paused: 1, sent: 0 });
      expect(pings.get('ping-a')?.paused).toBe('ping to C0ARCHIVED paused (is_archived)');
      const dm = slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0SANDBOX' && c.ok);
      expect(dm?.args.text).toBe('your ping to C0ARCHIVED was paused (is_archived)');
    });
  });
}
