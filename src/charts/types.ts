import type { KpiFormatting } from '../gtmhub/types.js';

/**
 * What a chart is drawn from: plain data, no Slack and no Gtmhub client. `weeks` is a KPI's
 * history as `RecentValues` gives it (oldest first, `undefined` where the week has no value).
 */
export interface KpiChartSeries {
  /** The KPI's name, shown as the chart's title. */
  name: string;
  /** Prefix, suffix and decimals of the KPI's values (`formatKpiValue`). */
  formatting: KpiFormatting | undefined;
  /** Gtmhub's `targetOperator`: `should_increase` or `should_decrease` say which way is good. */
  targetOperator: string;
  weeks: ReadonlyArray<{ period: string; value: number | undefined }>;
  /** The ISO week marked as the current one (`2026-W48`); usually the last of `weeks`. */
  currentPeriod: string;
}

/** A rendered picture: PNG bytes and the words a screen reader (and a notification) says for it. */
export interface ChartImage {
  png: Buffer;
  altText: string;
  width: number;
  height: number;
}
