/** Order statistics for benchmark samples (small arrays: sorting a copy is fine). */

/** The value below which `p` (0..1) of the samples lie, interpolating between neighbours. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}
