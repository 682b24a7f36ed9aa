/**
 * The typeahead end to end: block_suggestion requests signed as Slack signs them, through the real
 * Bolt app (kpibot started against both simulators), answered from the in-memory catalogue. The
 * baseline is a signed url_verification to the same app, so the ratio is what the search and the
 * listener add to Bolt's own request handling. Slack shows no options when the answer takes over 3 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../sandbox/workbench/environment.js';
import { ActionIds, BlockIds, CallbackIds } from '../slack/ids.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { TYPEAHEAD_QUERIES } from './search-bench.js';
import { percentile } from './stats.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

const SLACK_OPTIONS_DEADLINE_MS = 3_000;

export async function benchTypeahead(settings: BenchSettings): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-'));
  const sandbox = await startSandbox({ kpis: settings.kpiCount, weeks: 0, port: 0, sqlitePath: path.join(dir, 'bench.sqlite'), logLevel: 'error' });
  try {
    const catalogue = await sandbox.kpibot.deps.catalogue.get({ waitMs: Infinity });
    if (catalogue.kpis.length !== settings.kpiCount) throw new BenchError(`kpibot loaded ${catalogue.kpis.length} KPIs instead of ${settings.kpiCount}.`);
    const view = { callback_id: CallbackIds.logValueModal };
    const latencies: number[] = [];
    let next = 0;
    const n = settings.typeaheadRequests;
    const result = await measurePaired(
      {
        label: 'block_suggestion',
        ops: n,
        run: async () => {
          for (let i = 0; i < n; i++) {
            const value = TYPEAHEAD_QUERIES[next++ % TYPEAHEAD_QUERIES.length]!;
            const start = performance.now();
            const response = await sandbox.driver.suggestion({ actionId: ActionIds.kpiPicker, blockId: BlockIds.kpiPicker, value, view });
            latencies.push(performance.now() - start);
            if (response.status !== 200 || !Array.isArray((response.json as { options?: unknown } | undefined)?.options)) {
              throw new BenchError(`kpibot answered a block_suggestion with ${response.status}: ${response.body.slice(0, 200)}`);
            }
          }
        },
      },
      {
        label: 'url_verification',
        ops: n,
        run: async () => {
          for (let i = 0; i < n; i++) {
            const response = await sandbox.driver.urlVerification(`challenge-${i}`);
            if (response.status !== 200) throw new BenchError(`kpibot answered url_verification with ${response.status}.`);
          }
        },
      },
      pairedOptionsFor(settings),
    );
    const within = latencies.filter((ms) => ms <= SLACK_OPTIONS_DEADLINE_MS).length;
    return {
      id: 'typeahead',
      title: `typeahead end to end, ${settings.kpiCount.toLocaleString('en-US')} KPIs`,
      per: 'request',
      ...result,
      figures: [
        { name: 'p50', value: percentile(latencies, 0.5), unit: 'ms' },
        { name: 'p95', value: percentile(latencies, 0.95), unit: 'ms' },
        { name: 'max', value: Math.max(...latencies), unit: 'ms' },
        { name: 'answered within 3 s', value: (100 * within) / latencies.length, unit: '%' },
        { name: 'requests timed', value: latencies.length, unit: 'count' },
      ],
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
