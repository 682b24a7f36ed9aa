import { execFile } from 'node:child_process';
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePaired, summarizeRatios } from '../../src/bench/paired.js';
import { formatReport } from '../../src/bench/report.js';
import { BENCHMARKS, runBenchmarks } from '../../src/bench/run.js';
import { naiveSearch, demoCatalogue, TYPEAHEAD_QUERIES } from '../../src/bench/search-bench.js';
import { percentile } from '../../src/bench/stats.js';
import type { BenchSettings } from '../../src/bench/types.js';
import { buildSearchIndex, normalizeText } from '../../src/kpis/search.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The ack and memory benchmarks run the app in processes of its own: compiled once, as `npm run bench` builds dist/. */
const outDir = path.join(root, 'dist-test', `bench-${process.pid}`);

/** Sizes that prove every benchmark runs end to end, in seconds; the figures mean nothing. */
const TINY: BenchSettings = {
  kpiCount: 150,
  rounds: 2,
  searchRepeats: 1,
  typeaheadRequests: 3,
  snapshotIds: 120,
  snapshotLatencyMs: 0,
  dueRowsSmall: 40,
  dueRowsLarge: 400,
  dueCount: 7,
  dueQueries: 2,
  ackConcurrency: 4,
  ackBursts: 2,
  ackBurstSpacingMs: 0,
  ackGtmhubLatencyMs: 20,
  memoryKpis: 300,
  memoryUsers: 50,
  memoryRounds: 1,
  fanoutSubscriptions: 24,
  fanoutChannels: 6,
  fanoutKpis: 60,
  fanoutLatencyMs: 0,
  alertRules: 61,
  compiledBenchDir: path.join(outDir, 'bench'),
  ...(process.env.TEST_DATABASE_URL ? { postgresUrl: process.env.TEST_DATABASE_URL } : {}),
};

describe('paired measurement', () => {
  it('alternates the order of the two sides each round, after one warm-up run of each', async () => {
    const order: string[] = [];
    let clock = 0;
    await measurePaired(
      { label: 'a', run: () => void order.push('a') },
      { label: 'b', run: () => void order.push('b') },
      { rounds: 3, now: () => clock++ },
    );
    expect(order).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b']);
  });

  it('runs beforeEach (a garbage collection) untimed before every timed side', async () => {
    const order: string[] = [];
    let clock = 0;
    const result = await measurePaired(
      { label: 'a', run: () => void order.push('a') },
      { label: 'b', run: () => void order.push('b') },
      { rounds: 2, now: () => clock, beforeEach: () => void (order.push('gc'), (clock += 1000)) },
    );
    expect(order).toEqual(['a', 'b', 'gc', 'a', 'gc', 'b', 'gc', 'b', 'gc', 'a']);
    expect(result.subject.perOpMs).toEqual([0, 0]);
  });

  it('reports time per operation and the median of the per-round ratios with their range', async () => {
    let clock = 0;
    const costs = { subject: [4, 6, 10], baseline: [8, 8, 10] };
    let round = { subject: -1, baseline: -1 };
    const side = (name: 'subject' | 'baseline') => ({
      label: name,
      ops: 2,
      run: () => {
        // The warm-up run (index -1) costs nothing; round i costs costs[name][i].
        clock += costs[name][round[name]] ?? 0;
        round = { ...round, [name]: round[name] + 1 };
      },
    });
    const result = await measurePaired(side('subject'), side('baseline'), { rounds: 3, now: () => clock });
    expect(result.subject.perOpMs).toEqual([2, 3, 5]);
    expect(result.baseline.perOpMs).toEqual([4, 4, 5]);
    expect(result.ratio).toEqual({ median: 0.75, min: 0.5, max: 1 });
    expect(result.subject.medianMs).toBe(3);
  });

  it('leaves out rounds whose baseline was too fast for the clock', () => {
    expect(summarizeRatios([1, 2], [0, 4])).toEqual({ median: 0.5, min: 0.5, max: 0.5 });
  });

  it('interpolates percentiles between samples', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.95)).toBe(48);
  });
});

describe('the search baseline', () => {
  it('finds the same KPIs as the index for a plain query, so the two do comparable work', () => {
    const { kpis, groupNames } = demoCatalogue(300);
    const index = buildSearchIndex(kpis, groupNames);
    // The index also finds KPIs by group; the baseline only by name.
    const byName = index.search('revenue', 1000).matches.filter((m) => normalizeText(m.kpi.name).includes('revenue'));
    expect(byName.length).toBeGreaterThan(0);
    expect(new Set(naiveSearch(kpis, 'revenue', 1000).map((k) => k.id))).toEqual(new Set(byName.map((m) => m.kpi.id)));
  });
});

describe('the benchmarks at tiny sizes', () => {
  beforeAll(async () => {
    // tsc emits even when someone else's file has a type error; `npm test` reports those.
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root }).catch(
      () => undefined,
    );
    await access(path.join(outDir, 'bench', 'child.js'));
  }, 180_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('each run and report a ratio to their baseline, with their own figures', async () => {
    const { results, skipped } = await runBenchmarks(TINY);
    // Only PostgreSQL may be missing, and only when the run has no TEST_DATABASE_URL.
    expect(skipped).toEqual(TINY.postgresUrl ? [] : [expect.stringMatching(/^due-postgres: no PostgreSQL/)]);
    expect(results.map((r) => r.id)).toEqual(BENCHMARKS.map((b) => b.id).filter((id) => TINY.postgresUrl || id !== 'due-postgres'));
    for (const r of results) {
      const rounds = r.id === 'memory' ? TINY.memoryRounds : r.id === 'fanout' || r.id === 'alerts' ? 1 : TINY.rounds;
      expect(r.rounds).toBe(rounds);
      expect(r.subject.perOpMs).toHaveLength(rounds);
      expect(r.baseline.perOpMs).toHaveLength(rounds);
      expect(r.ratio.min).toBeLessThanOrEqual(r.ratio.median);
      expect(r.ratio.median).toBeLessThanOrEqual(r.ratio.max);
      expect(r.ratio.median).toBeGreaterThan(0);
    }
    const figures = (id: string) => Object.fromEntries(results.find((r) => r.id === id)!.figures.map((f) => [f.name, f.value]));
    expect(figures('search')['index build (median)']).toBeGreaterThan(0);
    const charts = figures('charts');
    expect(charts['details chart p50']).toBeGreaterThan(0);
    expect(charts['details chart p50']).toBeLessThanOrEqual(charts['details chart p95']!);
    // Every /kpi show had its chart on one side and none on the other (the benchmark checks each reply).
    const show = figures('charts-show');
    expect(show['reply with chart p50']).toBeGreaterThan(0);
    expect(show['chart share of the reply']).toBeGreaterThanOrEqual(0);
    expect(show['chart share of the reply']).toBeLessThanOrEqual(100);
    const typeahead = figures('typeahead');
    expect(typeahead.p50).toBeLessThanOrEqual(typeahead.p95!);
    // Warm-up (one run of 3) and 2 rounds of 3 requests.
    expect(typeahead['requests timed']).toBe(9);
    expect(typeahead['answered within 3 s']).toBeGreaterThanOrEqual(0);
    expect(typeahead['answered within 3 s']).toBeLessThanOrEqual(100);

    // Every command kpibot acked was answered once through its response_url (the benchmark throws otherwise).
    const ack = figures('ack');
    expect(ack['commands per side']).toBe(TINY.ackConcurrency * TINY.ackBursts * TINY.rounds);
    expect(ack.replies).toBe(ack['commands per side']);
    expect(ack['kpibot p50']).toBeLessThanOrEqual(ack['kpibot p99']!);
    // Both processes were measured: a catalogue of 300 KPIs costs something, and far less than a gigabyte.
    const memory = results.find((r) => r.id === 'memory')!;
    expect(memory.subject.perOpMs).toHaveLength(1);
    expect(memory.baseline.medianMs).toBeGreaterThan(10);
    expect(figures('memory')['catalogue adds (RSS, median)']).toBeLessThan(1024);

    // Every digest of the fan-out arrived once, none lost to a 429, with the batched minimum of Gtmhub reads.
    const fanout = figures('fanout');
    expect(fanout['digests posted']).toBe(TINY.fanoutSubscriptions);
    expect(fanout.duplicates).toBe(0);
    expect(fanout['lost to a 429']).toBe(0);
    expect(fanout['Gtmhub snapshot reads']).toBe(fanout['batched minimum']);

    // The due query finds the due rows (each run checks their count) through the due index.
    expect(figures('due-sqlite')['due rows']).toBe(7);
    const alerts = figures('alerts');
    expect(alerts['Gtmhub requests per poll']).toBe(alerts['batched minimum']);
    expect(alerts['batched minimum']).toBe(2);
    expect(results.find((r) => r.id === 'due-sqlite')!.notes!.join('\n')).toContain('USING INDEX digest_subscriptions_due_idx');

    const table = formatReport({
      date: '2026-11-28T00:00:00.000Z',
      machine: { cpu: 'Test CPU', cores: 2, memoryGb: 4, node: 'v20.0.0', platform: 'linux' },
      mode: 'quick',
      settings: TINY,
      results,
      skipped: ['due-postgres: no PostgreSQL'],
    });
    for (const r of results) expect(table).toContain(r.title);
    expect(table).toContain('skipped due-postgres: no PostgreSQL');
    expect(table).toContain('Test CPU, 2 cores');
    // Every benchmark end to end, some in processes of their own: on a machine busy with the rest
    // of the suite this takes longer than the default 30 s.
  }, 120_000);

  it('mixes short prefixes, words, accents and a miss in the typeahead queries', () => {
    expect(TYPEAHEAD_QUERIES.some((q) => q.length === 1)).toBe(true);
    expect(TYPEAHEAD_QUERIES.some((q) => q.includes(' '))).toBe(true);
    expect(TYPEAHEAD_QUERIES.some((q) => q.normalize('NFKD') !== q)).toBe(true);
    const { kpis, groupNames } = demoCatalogue(200);
    const index = buildSearchIndex(kpis, groupNames);
    expect(TYPEAHEAD_QUERIES.filter((q) => index.search(q).total === 0)).toHaveLength(1);
  });
});
