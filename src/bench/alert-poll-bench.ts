/**
 * The alert poll at scale (issue 11): `alertRules` rules, one per KPI over as many KPIs, all due at
 * one moment in one zone, polled once by kpibot's runtime (SQLite) against the Gtmhub simulator.
 * Reported: the Gtmhub requests the poll made against the batched minimum (one snapshot read per
 * (UTC offset, period) for all watched KPIs, in batches of IDS_PER_REQUEST: target 1.0×), and the
 * poll's wall time against the baseline of those minimum reads alone (the same ids read straight
 * through the client): the ratio is what deciding and saving the states costs on top of reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../config.js';
import { IDS_PER_REQUEST } from '../gtmhub/assumptions.js';
import { createLogger } from '../log.js';
import { createRuntime } from '../runtime.js';
import { startGtmhubSimulator } from '../sandbox/gtmhub/index.js';
import { SANDBOX_TEAM_ID, SANDBOX_USER_ID, startSlackSimulator } from '../sandbox/slack/index.js';
import { AlertRulesRepository } from '../store/alert-rules-repository.js';
import { isoWeekOf, lastNPeriods, periodEnd, periodStart } from '../time/periods.js';
import { gtmhubOffset } from '../time/zones.js';
import { summarizeRatios } from './paired.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

const ZONE = 'Europe/Berlin';
/** Wednesday noon: the same ISO week in every zone. */
const AT = new Date('2026-11-25T12:00:00.000Z');

export async function benchAlertPoll(settings: BenchSettings): Promise<BenchResult> {
  const count = settings.alertRules;
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-alerts-'));
  const gtmhub = await startGtmhubSimulator({ demo: { kpiCount: count, weeks: 3 }, requestLogLimit: 1_000_000, now: () => AT });
  const slack = await startSlackSimulator();
  const config = readConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'bench-alerts-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    GTMHUB_API_URL: gtmhub.url,
    GTMHUB_TOKEN: gtmhub.token,
    GTMHUB_ACCOUNT_ID: gtmhub.accountId,
  });
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'error', write: () => undefined }), store: { sqlitePath: path.join(dir, 'kpibot.sqlite') }, now: () => AT.getTime() });
  try {
    const kpiIds = [...gtmhub.state.kpis.keys()].slice(0, count);
    if (kpiIds.length < count) throw new BenchError(`the Gtmhub simulator made ${kpiIds.length} KPIs instead of ${count}.`);
    const rules = new AlertRulesRepository(runtime.store.db, { now: () => AT });
    for (const [i, kpiId] of kpiIds.entries()) {
      await rules.create({
        teamId: SANDBOX_TEAM_ID,
        channelId: `C0ALERT${String(i % 100).padStart(3, '0')}`,
        personal: false,
        ownerUserId: SANDBOX_USER_ID,
        target: { kind: 'kpi', kpiId },
        zone: ZONE,
        condition: i % 2 === 0 ? { kind: 'above', threshold: 0 } : { kind: 'changed', by: 10, unit: 'percent', direction: 'either' },
        nextPollAt: AT,
      });
    }
    // A tenth of the KPIs got a value this week from elsewhere: their rules fire.
    for (const [i, kpiId] of kpiIds.entries()) if (i % 10 === 0) gtmhub.state.addSnapshot({ kpiId, group: isoWeekOf(AT, ZONE), timeZone: gtmhubOffset(ZONE, AT), value: 100 + i });
    // The catalogue is warm in a running kpibot: its load is not the poll's.
    await runtime.catalogue.get({ waitMs: Number.POSITIVE_INFINITY });
    const work = runtime.createScheduledWork(true);
    if (!work.alerts) throw new BenchError('the runtime registered no alerts.');
    gtmhub.clearRequests();
    const started = performance.now();
    const result = await work.alerts.poll(AT);
    const pollMs = performance.now() - started;
    const requests = gtmhub.requests.length;
    const minimum = Math.ceil(count / IDS_PER_REQUEST);
    if (result.pausedRuleIds.length > 0) throw new BenchError(`the poll paused ${result.pausedRuleIds.length} rules whose KPIs exist.`);

    // The baseline: the batched minimum alone, the same two weeks of the same ids, straight through the client.
    const period = isoWeekOf(AT, ZONE);
    const [from] = lastNPeriods(period, 2);
    gtmhub.clearRequests();
    const readStarted = performance.now();
    await runtime.gtmhub.getKpiSnapshots({
      ids: kpiIds,
      timeZone: gtmhubOffset(ZONE, AT),
      groupBy: 'week',
      from: periodStart(from!, ZONE).toISODate()!,
      to: periodEnd(period, ZONE).minus({ days: 1 }).toISODate()!,
    });
    const readMs = performance.now() - readStarted;
    const fmt = (n: number) => n.toLocaleString('en-US');
    return {
      id: 'alerts',
      title: `alert poll, ${fmt(count)} rules over ${fmt(count)} KPIs, one zone`,
      per: 'poll',
      rounds: 1,
      subject: { label: 'the poll', perOpMs: [pollMs], medianMs: pollMs },
      baseline: { label: 'the batched reads alone', perOpMs: [readMs], medianMs: readMs },
      ratio: summarizeRatios([pollMs], [readMs]),
      figures: [
        { name: 'Gtmhub requests per poll', value: requests, unit: 'count' },
        { name: 'batched minimum', value: minimum, unit: 'count' },
        { name: 'requests ÷ minimum', value: Math.round((requests / minimum) * 100) / 100, unit: 'count' },
        { name: 'poll wall time', value: Math.round(pollMs), unit: 'ms' },
        { name: 'alerts queued', value: result.firings.length, unit: 'count' },
      ],
      notes: ['the poll also saves every rule’s first edge state (one transaction per rule) and queues the alerts; posting them is the digest fan-out’s business'],
    };
  } finally {
    await runtime.close();
    await Promise.allSettled([gtmhub.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
