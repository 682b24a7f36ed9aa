/**
 * Recent values over a chosen number of weeks (a details chart: 12 by default, `26w` on request),
 * each length with its own short-lived shared cache (`RecentValues`), so that a chart never changes
 * what the cards' 8-week sparklines read.
 */
import type { RetryPolicy } from '../gtmhub/retry.js';
import { RecentValues, type KpiHistory, type SnapshotSource } from './recent-values.js';

/** The longest history a chart reads: a year. */
export const MAX_CHART_WEEKS = 52;
/** The shortest: fewer weeks make no line. */
export const MIN_CHART_WEEKS = 4;

export class HistoriesByLength {
  readonly #byWeeks = new Map<number, RecentValues>();

  constructor(private readonly options: { source: SnapshotSource; now?: () => number }) {}

  /** The last `weeks` weeks of `kpiId` in `zone` (clamped to MIN/MAX_CHART_WEEKS), oldest first. */
  async forKpi(kpiId: string, zone: string, weeks: number, options: { policy?: RetryPolicy } = {}): Promise<KpiHistory> {
    const length = Math.min(MAX_CHART_WEEKS, Math.max(MIN_CHART_WEEKS, Math.round(weeks)));
    let values = this.#byWeeks.get(length);
    if (!values) {
      values = new RecentValues({ source: this.options.source, weeks: length, ...(this.options.now ? { now: this.options.now } : {}) });
      this.#byWeeks.set(length, values);
    }
    const histories = await values.forKpis([kpiId], zone, options);
    return histories.get(kpiId) ?? { kpiId, weeks: [] };
  }
}
