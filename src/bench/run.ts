import { benchAck } from './ack-bench.js';
import { benchAlertPoll } from './alert-poll-bench.js';
import { benchCatalogueLoad } from './catalogue-bench.js';
import { benchChartRender } from './charts-bench.js';
import { benchDetailsChart } from './details-chart-bench.js';
import { benchDueQuery } from './due-query-bench.js';
import { benchDigestFanout } from './fanout-bench.js';
import { benchCatalogueMemory } from './memory-bench.js';
import { benchSearch } from './search-bench.js';
import { benchSnapshotBatches } from './snapshots-bench.js';
import { benchTypeahead } from './typeahead-bench.js';
import type { BenchResult, BenchSettings } from './types.js';

interface Benchmark {
  id: string;
  run: (settings: BenchSettings) => Promise<BenchResult>;
  /** Why it cannot run with these settings (e.g. no PostgreSQL), or undefined when it can. */
  unavailable?: (settings: BenchSettings) => string | undefined;
}

/** Every benchmark, by the id `--only` names it with, in the order they run. */
export const BENCHMARKS: readonly Benchmark[] = [
  { id: 'search', run: benchSearch },
  { id: 'catalogue', run: benchCatalogueLoad },
  { id: 'typeahead', run: benchTypeahead },
  { id: 'snapshots', run: benchSnapshotBatches },
  { id: 'charts', run: benchChartRender },
  { id: 'charts-show', run: benchDetailsChart },
  { id: 'ack', run: benchAck },
  { id: 'memory', run: benchCatalogueMemory },
  { id: 'fanout', run: benchDigestFanout },
  { id: 'alerts', run: benchAlertPoll },
  { id: 'due-sqlite', run: (s) => benchDueQuery(s, 'sqlite') },
  {
    id: 'due-postgres',
    run: (s) => benchDueQuery(s, 'postgres'),
    unavailable: (s) => (s.postgresUrl === undefined ? 'no PostgreSQL: set TEST_DATABASE_URL (a schema of its own is created and dropped)' : undefined),
  },
];

export interface BenchRun {
  results: BenchResult[];
  /** `id: reason` of each chosen benchmark that could not run here. */
  skipped: string[];
}

/** Runs the chosen benchmarks one after the other (never in parallel: they would measure each other). */
export async function runBenchmarks(settings: BenchSettings, options: { only?: readonly string[]; progress?: (line: string) => void } = {}): Promise<BenchRun> {
  const run: BenchRun = { results: [], skipped: [] };
  for (const bench of BENCHMARKS) {
    if (options.only && !options.only.includes(bench.id)) continue;
    const reason = bench.unavailable?.(settings);
    if (reason !== undefined) {
      run.skipped.push(`${bench.id}: ${reason}`);
      options.progress?.(`skipping ${bench.id}: ${reason}`);
      continue;
    }
    options.progress?.(`running ${bench.id}…`);
    run.results.push(await bench.run(settings));
  }
  return run;
}
