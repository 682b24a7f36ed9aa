/**
 * Search over the catalogue, as the typeahead runs it on every keystroke: the prebuilt index
 * (`buildSearchIndex`) against the obvious implementation that normalises every name for every
 * query, filters and sorts.
 */
import { performance } from 'node:perf_hooks';
import type { Kpi } from '../gtmhub/types.js';
import { buildSearchIndex, normalizeText } from '../kpis/search.js';
import { generateDemoData } from '../sandbox/gtmhub/index.js';
import { LIMITS } from '../slack/views/blocks.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { median } from './stats.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

/**
 * What people type into the picker: one to three letters, words, a multi-word name, accents
 * typed and not typed (the demo has "Satisfaction café" and "Réunions clients"), and a miss.
 */
export const TYPEAHEAD_QUERIES: readonly string[] = ['r', 'ch', 'rev', 'net', 'revenue', 'monthly recurring', 'cafe', 'Réunions', 'emea 1', 'zzqx'];

/** Demo KPIs and their group names, without history (search needs none). */
export function demoCatalogue(kpiCount: number): { kpis: Kpi[]; groupNames: Map<string, string> } {
  const demo = generateDemoData({ kpiCount, weeks: 0, now: new Date(), accountId: 'acc-bench' });
  return { kpis: demo.kpis, groupNames: new Map(demo.groups.map((g) => [g.id, g.name])) };
}

/** The baseline: everything computed per query. */
export function naiveSearch(kpis: readonly Kpi[], query: string, limit: number): Kpi[] {
  const q = normalizeText(query);
  return kpis
    .map((kpi) => ({ kpi, name: normalizeText(kpi.name) }))
    .filter((e) => e.name.includes(q))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map((e) => e.kpi);
}

export async function benchSearch(settings: BenchSettings): Promise<BenchResult> {
  const { kpis, groupNames } = demoCatalogue(settings.kpiCount);
  const buildMs: number[] = [];
  let index = buildSearchIndex(kpis, groupNames);
  const { beforeEach } = pairedOptionsFor(settings);
  for (let i = 0; i < settings.rounds; i++) {
    beforeEach?.();
    const start = performance.now();
    index = buildSearchIndex(kpis, groupNames);
    buildMs.push(performance.now() - start);
  }
  const ops = TYPEAHEAD_QUERIES.length * settings.searchRepeats;
  // Results are counted and checked, so that no engine can skip the work as unused.
  let sink = 0;
  const result = await measurePaired(
    {
      label: 'search index',
      ops,
      run: () => {
        for (let r = 0; r < settings.searchRepeats; r++) for (const q of TYPEAHEAD_QUERIES) sink += index.search(q, LIMITS.options).matches.length;
      },
    },
    {
      label: 'naive filter + sort',
      ops,
      run: () => {
        for (let r = 0; r < settings.searchRepeats; r++) for (const q of TYPEAHEAD_QUERIES) sink += naiveSearch(kpis, q, LIMITS.options).length;
      },
    },
    pairedOptionsFor(settings),
  );
  if (sink === 0) throw new BenchError('The search benchmark found no KPI for any query: is the demo catalogue empty?');
  return {
    id: 'search',
    title: `search, ${settings.kpiCount.toLocaleString('en-US')} KPIs`,
    per: 'query',
    ...result,
    figures: [
      { name: 'index build (median)', value: median(buildMs), unit: 'ms' },
    ],
  };
}
