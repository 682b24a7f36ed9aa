import type { PairedResult } from './paired.js';

/** How big and how long: `--quick` for a CI smoke run, the full run for the figures in the README. */
export interface BenchSettings {
  /** KPIs in the catalogue (search, catalogue load, typeahead). */
  kpiCount: number;
  /** Paired rounds per benchmark. */
  rounds: number;
  /** Times the query mix runs per round in the search benchmark. */
  searchRepeats: number;
  /** Typeahead requests (and url_verification requests) per round. */
  typeaheadRequests: number;
  /** KPI ids in the batched snapshot read (60 per request). */
  snapshotIds: number;
  /** Gtmhub's simulated round trip for snapshot reads: on loopback there is no latency to overlap. */
  snapshotLatencyMs: number;
  /** Subscriptions in the small and the large table of the due-query benchmark, and how many of them are due. */
  dueRowsSmall: number;
  dueRowsLarge: number;
  dueCount: number;
  /** Due queries per round and side. */
  dueQueries: number;
  /** Commands sent at once, bursts per side and round, the least time between bursts, and Gtmhub's answer time. */
  ackConcurrency: number;
  ackBursts: number;
  ackBurstSpacingMs: number;
  ackGtmhubLatencyMs: number;
  /** KPIs in the catalogue-memory benchmark, and how many processes of each kind it measures. */
  memoryKpis: number;
  /** Gtmhub users in the loaded side of the memory benchmark. */
  memoryUsers: number;
  memoryRounds: number;
  /** Where the compiled `child.js` is, when running from sources (tests); default next to the running benchmark. */
  compiledBenchDir?: string;
  /** Digest fan-out: subscriptions due at once, the channels they post to, the distinct KPIs they cover, and Slack's latency per call. */
  fanoutSubscriptions: number;
  fanoutChannels: number;
  fanoutKpis: number;
  fanoutLatencyMs: number;
  /** Alert rules (one per KPI, over as many KPIs) polled at once. */
  alertRules: number;
  /** PostgreSQL for the benchmarks that run on both dialects (a schema of their own); unset: SQLite only. */
  postgresUrl?: string;
}

export const FULL_RUN: BenchSettings = {
  kpiCount: 20_000,
  rounds: 9,
  searchRepeats: 5,
  typeaheadRequests: 40,
  snapshotIds: 300,
  snapshotLatencyMs: 25,
  dueRowsSmall: 1_000,
  dueRowsLarge: 100_000,
  dueCount: 50,
  dueQueries: 200,
  ackConcurrency: 32,
  ackBursts: 6,
  // As long as Gtmhub takes: each burst arrives while the previous burst's Gtmhub answers come back.
  ackBurstSpacingMs: 500,
  ackGtmhubLatencyMs: 500,
  memoryKpis: 20_000,
  memoryUsers: 5_000,
  memoryRounds: 3,
  fanoutSubscriptions: 2_000,
  fanoutChannels: 500,
  fanoutKpis: 5_000,
  fanoutLatencyMs: 300,
  alertRules: 5_000,
};

export const QUICK_RUN: BenchSettings = {
  kpiCount: 2_000,
  rounds: 3,
  searchRepeats: 2,
  typeaheadRequests: 10,
  snapshotIds: 300,
  snapshotLatencyMs: 10,
  dueRowsSmall: 200,
  dueRowsLarge: 5_000,
  dueCount: 20,
  dueQueries: 10,
  ackConcurrency: 32,
  ackBursts: 3,
  ackBurstSpacingMs: 500,
  ackGtmhubLatencyMs: 500,
  memoryKpis: 2_000,
  memoryUsers: 500,
  memoryRounds: 1,
  fanoutSubscriptions: 100,
  fanoutChannels: 25,
  fanoutKpis: 250,
  fanoutLatencyMs: 50,
  alertRules: 500,
};

/** An extra figure a benchmark reports besides the ratio (build time, p95, share within 3 s). */
export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | '%' | 'count' | 'MB' | 'ratio';
}

export interface BenchResult extends PairedResult {
  id: string;
  title: string;
  /** What one operation is (times are per operation): "query", "load", "request". */
  per: string;
  /** What the subject's and baseline's values are in; default ms (per operation). */
  unit?: 'ms' | 'MB';
  figures: Figure[];
  /** Lines printed under the table (a query plan, what a figure leaves out). */
  notes?: string[];
}

export class BenchError extends Error {
  readonly code = 'bench_failed' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
  }
}
