/**
 * Digest fan-out at Slack's pace (issue 13, benchmark 1): `fanoutSubscriptions` weekly digests in
 * `fanoutChannels` channels over `fanoutKpis` distinct KPIs, all due at one moment, delivered by the
 * real scheduling engine (kpibot's runtime, SQLite) to the Slack simulator with every limit of its
 * model on (one post per second per channel, 500 posts a minute per workspace, the method tiers)
 * and `fanoutLatencyMs` per call. The baseline is the floor those limits allow for the calls the run
 * made (`floorOfRun`): the ratio says how close to Slack's own pace kpibot delivers.
 *
 * Also reported: Gtmhub snapshot requests against the batched minimum (one read per (UTC offset,
 * period) for all KPIs, in batches of IDS_PER_REQUEST), digests posted, duplicates, posts a 429
 * lost, and the peak RSS of this process (kpibot's engine and both simulators).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../config.js';
import { IDS_PER_REQUEST } from '../gtmhub/assumptions.js';
import { createLogger } from '../log.js';
import { createRuntime } from '../runtime.js';
import { startGtmhubSimulator } from '../sandbox/gtmhub/index.js';
import { SANDBOX_BOT_USER_ID, SANDBOX_TEAM_ID, SANDBOX_USER_ID, startSlackSimulator } from '../sandbox/slack/index.js';
import { floorCallsOf, floorOfRun } from '../sandbox/slack/rate-floor.js';
import { SLACK_LIKE_LIMITS } from '../sandbox/slack/rate-model.js';
import { summarizeRatios } from './paired.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

const MB = 1024 * 1024;
/** KPIs per subscription: with subscriptions spread evenly, every KPI is chosen by one or more. */
const KPIS_PER_SUBSCRIPTION = 3;

export async function benchDigestFanout(settings: BenchSettings): Promise<BenchResult> {
  const { fanoutSubscriptions: subscriptions, fanoutChannels: channels, fanoutKpis: kpiCount, fanoutLatencyMs: latencyMs } = settings;
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-fanout-'));
  const gtmhub = await startGtmhubSimulator({ demo: { kpiCount, weeks: 2 }, requestLogLimit: 1_000_000 });
  const channelIds = Array.from({ length: channels }, (_, i) => `C0FAN${String(i).padStart(4, '0')}`);
  const slack = await startSlackSimulator({
    limits: { ...SLACK_LIKE_LIMITS, latencyMs },
    channels: channelIds.map((id, i) => ({ id, name: `fanout-${i}`, is_private: false, is_archived: false, members: [SANDBOX_BOT_USER_ID] })),
  });
  const config = readConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'bench-fanout-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    GTMHUB_API_URL: gtmhub.url,
    GTMHUB_TOKEN: gtmhub.token,
    GTMHUB_ACCOUNT_ID: gtmhub.accountId,
  });
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'error', write: () => undefined }), store: { sqlitePath: path.join(dir, 'kpibot.sqlite') } });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const kpiIds = [...gtmhub.state.kpis.keys()].slice(0, kpiCount);
    if (kpiIds.length < kpiCount) throw new BenchError(`the Gtmhub simulator made ${kpiIds.length} KPIs instead of ${kpiCount}.`);
    let slot: Date | undefined;
    for (let i = 0; i < subscriptions; i += 1) {
      const first = Math.floor((i * kpiCount) / subscriptions);
      const chosen = Array.from({ length: KPIS_PER_SUBSCRIPTION }, (_, k) => kpiIds[(first + k) % kpiCount]!);
      const created = await runtime.digestSubscriptions.create({
        teamId: SANDBOX_TEAM_ID,
        channelId: channelIds[i % channels]!,
        ownerUserId: SANDBOX_USER_ID,
        selection: { kind: 'kpis', kpiIds: chosen },
        weekday: 1,
        time: '09:00',
        zone: 'Europe/Berlin',
        skipWhenUnchanged: false,
        listNotUpdated: true,
        // Text digests: a chart adds three upload calls, bounded by their Tier 4 (100 a minute).
        includeChart: false,
      });
      slot = created.nextRunAt;
    }
    const work = runtime.createScheduledWork(true);
    const snapshotReads = () => gtmhub.requests.filter((r) => r.route === 'GET /v1/kpi-snapshots').length;
    const readsBefore = snapshotReads();
    const started = performance.now();
    const summary = await work.engine.runAllDue(slot);
    const wallMs = performance.now() - started;

    const posts = slack.callsTo('chat.postMessage');
    const bySubscription = new Map<string, number>();
    for (const call of posts.filter((c) => c.ok)) {
      const raw: unknown = typeof call.args.metadata === 'string' ? JSON.parse(call.args.metadata) : call.args.metadata;
      const metadata = raw as { event_payload?: { subscription_id?: string; part?: number } } | undefined;
      const id = metadata?.event_payload?.subscription_id;
      if (id !== undefined && (metadata?.event_payload?.part ?? 0) === 0) bySubscription.set(id, (bySubscription.get(id) ?? 0) + 1);
    }
    const duplicates = [...bySubscription.values()].reduce((sum, n) => sum + n - 1, 0);
    const lost = subscriptions - summary.sent;
    const floor = floorOfRun(floorCallsOf(slack.calls), { latencyMs });
    const distinctKpis = Math.min(kpiCount, subscriptions * KPIS_PER_SUBSCRIPTION);
    // One (offset, period) for all: every subscription is due at one slot in one zone.
    const minimumReads = Math.ceil(distinctKpis / IDS_PER_REQUEST);
    const reads = snapshotReads() - readsBefore;
    if (lost > 0 || duplicates > 0) throw new BenchError(`the fan-out lost ${lost} digests and posted ${duplicates} twice (${JSON.stringify(summary)}).`);
    return {
      id: 'fanout',
      title: `digest fan-out, ${subscriptions.toLocaleString('en-US')} digests in ${channels} channels, ${kpiCount.toLocaleString('en-US')} KPIs, Slack ${latencyMs} ms`,
      per: 'run',
      rounds: 1,
      subject: { label: 'kpibot', perOpMs: [wallMs], medianMs: wallMs },
      baseline: { label: 'floor of Slack’s limits', perOpMs: [floor.ms], medianMs: floor.ms },
      ratio: summarizeRatios([wallMs], [floor.ms]),
      figures: [
        { name: 'digests posted', value: bySubscription.size, unit: 'count' },
        { name: 'duplicates', value: duplicates, unit: 'count' },
        { name: 'lost to a 429', value: lost, unit: 'count' },
        { name: '429 answers (waited out)', value: posts.filter((c) => c.error === 'ratelimited').length, unit: 'count' },
        { name: 'Gtmhub snapshot reads', value: reads, unit: 'count' },
        { name: 'batched minimum', value: minimumReads, unit: 'count' },
        { name: 'reads ÷ minimum', value: Math.round((reads / minimumReads) * 100) / 100, unit: 'count' },
        { name: 'peak RSS', value: Math.round(peakRss / MB), unit: 'MB' },
      ],
      notes: [
        `floor: ${describeFloor(floor)}`,
        'peak RSS is this process: kpibot’s engine with both simulators and their records of every call',
      ],
    };
  } finally {
    clearInterval(sampler);
    await runtime.close();
    await Promise.allSettled([gtmhub.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeFloor(floor: ReturnType<typeof floorOfRun>): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `${floor.posts} posts; busiest channel ${floor.busiestChannelPosts} posts → ${s(floor.channelBoundMs)}; workspace → ${s(floor.workspaceBoundMs)}; tiers → ${s(floor.tierBoundMs)}${floor.tierBoundMethod ? ` (${floor.tierBoundMethod})` : ''}; + ${floor.latencyMs} ms latency`;
}
