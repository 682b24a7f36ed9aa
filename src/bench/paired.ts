/**
 * Paired measurement: the thing under test and a baseline run side by side, round after round,
 * so that whatever else the machine does (another process, a GC, CPU boost) weighs on both alike.
 * What is reported is the median of the per-round ratios, never an absolute time to compare
 * against a threshold: a shared 2-core machine makes absolute times meaningless, ratios much less so.
 */
import { performance } from 'node:perf_hooks';
import { median } from './stats.js';

export interface Side {
  label: string;
  /** One sample: the work, `ops` operations of it. */
  run: () => unknown;
  /** Operations per run, to report time per operation. Default 1. */
  ops?: number;
}

export interface PairedOptions {
  rounds: number;
  /** Untimed runs of each side first (JIT, connection pools, caches). Default 1. */
  warmup?: number;
  /** Milliseconds, monotonic. Default `performance.now`. */
  now?: () => number;
  /** Runs untimed before each timed side (a garbage collection), so neither pays for the other's leftovers. */
  beforeEach?: () => void;
}

export interface SideSummary {
  label: string;
  /** Milliseconds per operation, one per round. */
  perOpMs: number[];
  medianMs: number;
}

export interface RatioSummary {
  /** Median of subject ÷ baseline over the rounds: below 1, the subject is faster. */
  median: number;
  min: number;
  max: number;
}

export interface PairedResult {
  rounds: number;
  subject: SideSummary;
  baseline: SideSummary;
  ratio: RatioSummary;
}

/**
 * Runs `subject` and `baseline` alternately, `rounds` times. Odd rounds run the baseline first, so
 * that neither side always profits from the other having just warmed the caches (A B, B A, A B …).
 */
export async function measurePaired(subject: Side, baseline: Side, options: PairedOptions): Promise<PairedResult> {
  const now = options.now ?? (() => performance.now());
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new RangeError(`rounds must be a whole number above 0, got ${options.rounds}.`);
  for (let i = 0; i < (options.warmup ?? 1); i++) {
    await subject.run();
    await baseline.run();
  }
  const time = async (side: Side): Promise<number> => {
    options.beforeEach?.();
    const start = now();
    await side.run();
    return (now() - start) / (side.ops ?? 1);
  };
  const subjectMs: number[] = [];
  const baselineMs: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      subjectMs.push(await time(subject));
      baselineMs.push(await time(baseline));
    } else {
      baselineMs.push(await time(baseline));
      subjectMs.push(await time(subject));
    }
  }
  return {
    rounds: options.rounds,
    subject: { label: subject.label, perOpMs: subjectMs, medianMs: median(subjectMs) },
    baseline: { label: baseline.label, perOpMs: baselineMs, medianMs: median(baselineMs) },
    ratio: summarizeRatios(subjectMs, baselineMs),
  };
}

/** Per-round ratios subject ÷ baseline: their median and their range (the spread). */
export function summarizeRatios(subjectMs: readonly number[], baselineMs: readonly number[]): RatioSummary {
  // A baseline too fast for the clock to see would divide by zero; such a round says nothing.
  const ratios = subjectMs.map((s, i) => s / baselineMs[i]!).filter((r) => Number.isFinite(r));
  if (ratios.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}
