/**
 * A picture a scheduled message asks for (a digest's small multiples): the data to draw, not the
 * drawing. The post port draws it, uploads it into the conversation (in the thread of the post it
 * belongs to) and adds its image block to the message; when it cannot, the message goes without
 * it. Plain data, so views may describe one without doing any I/O.
 */
import type { KpiChartSeries } from '../../charts/types.js';

export interface ChartToUpload {
  /** The picture's title (also the file's title in Slack). */
  title: string;
  /** At most MAX_CHARTS_PER_IMAGE KPIs. */
  series: readonly KpiChartSeries[];
  locale: string;
  /** The file's name in Slack. */
  filename: string;
}
