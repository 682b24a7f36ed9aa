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
}

export const FULL_RUN: BenchSettings = {
  kpiCount: 20_000,
  rounds: 9,
  searchRepeats: 5,
  typeaheadRequests: 40,
  snapshotIds: 300,
  snapshotLatencyMs: 25,
};

export const QUICK_RUN: BenchSettings = {
  kpiCount: 2_000,
  rounds: 3,
  searchRepeats: 2,
  typeaheadRequests: 10,
  snapshotIds: 300,
  snapshotLatencyMs: 10,
};

/** An extra figure a benchmark reports besides the ratio (build time, p95, share within 3 s). */
export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | '%' | 'count';
}

export interface BenchResult extends PairedResult {
  id: string;
  title: string;
  /** What one operation is (times are per operation): "query", "load", "request". */
  per: string;
  figures: Figure[];
}

export class BenchError extends Error {
  readonly code = 'bench_failed' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
  }
}
