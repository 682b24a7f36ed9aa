/**
 * Reading recent values of many KPIs at once (a search result, a digest): `getKpiSnapshots` splits
 * the ids into batches of 60 and sends up to 4 at a time, against the same batches sent one after
 * the other. Gtmhub's round trip is simulated (a latency fault): over loopback there is almost no
 * latency, and overlapping it is the whole point of the concurrency.
 */
import { GtmhubClient } from '../gtmhub/client.js';
import { IDS_PER_REQUEST } from '../gtmhub/assumptions.js';
import { patientForBackgroundWork } from '../gtmhub/retry.js';
import type { SnapshotQuery } from '../gtmhub/types.js';
import { startGtmhubSimulator } from '../sandbox/gtmhub/index.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import type { BenchResult, BenchSettings } from './types.js';

const DAY_MS = 86_400_000;

export async function benchSnapshotBatches(settings: BenchSettings): Promise<BenchResult> {
  const sim = await startGtmhubSimulator({ demo: { kpiCount: settings.snapshotIds, weeks: 8 } });
  sim.faults.set('GET /v1/kpi-snapshots', { latencyMs: settings.snapshotLatencyMs });
  const client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: patientForBackgroundWork });
  const ids = [...sim.state.kpis.keys()].slice(0, settings.snapshotIds);
  const now = Date.now();
  const query: Omit<SnapshotQuery, 'ids'> = {
    timeZone: 'UTC+0',
    groupBy: 'week',
    from: new Date(now - 8 * 7 * DAY_MS).toISOString().slice(0, 10),
    to: new Date(now).toISOString().slice(0, 10),
  };
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) batches.push(ids.slice(i, i + IDS_PER_REQUEST));
  try {
    const result = await measurePaired(
      { label: `${batches.length} batches, concurrent`, run: () => client.getKpiSnapshots({ ids, ...query }) },
      {
        label: `${batches.length} batches, one by one`,
        run: async () => {
          for (const batch of batches) await client.getKpiSnapshots({ ids: batch, ...query });
        },
      },
      pairedOptionsFor(settings),
    );
    return {
      id: 'snapshots',
      title: `snapshot reads, ${ids.length} KPIs, ${settings.snapshotLatencyMs} ms latency`,
      per: 'read',
      ...result,
      figures: [],
    };
  } finally {
    await Promise.allSettled([client.close(), sim.close()]);
  }
}
