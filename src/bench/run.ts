import { benchCatalogueLoad } from './catalogue-bench.js';
import { benchChartRender } from './charts-bench.js';
import { benchSearch } from './search-bench.js';
import { benchSnapshotBatches } from './snapshots-bench.js';
import { benchTypeahead } from './typeahead-bench.js';
import type { BenchResult, BenchSettings } from './types.js';

/** Every benchmark, by the id `--only` names it with, in the order they run. */
export const BENCHMARKS: ReadonlyArray<{ id: string; run: (settings: BenchSettings) => Promise<BenchResult> }> = [
  { id: 'search', run: benchSearch },
  { id: 'catalogue', run: benchCatalogueLoad },
  { id: 'typeahead', run: benchTypeahead },
  { id: 'snapshots', run: benchSnapshotBatches },
  { id: 'charts', run: benchChartRender },
];

/** Runs the chosen benchmarks one after the other (never in parallel: they would measure each other). */
export async function runBenchmarks(settings: BenchSettings, options: { only?: readonly string[]; progress?: (line: string) => void } = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const bench of BENCHMARKS) {
    if (options.only && !options.only.includes(bench.id)) continue;
    options.progress?.(`running ${bench.id}…`);
    results.push(await bench.run(settings));
  }
  return results;
}
