/**
 * KPI charts: data in, PNG bytes and alt text out. Imports nothing of Slack: the uploader in
 * src/slack/files/ puts the bytes into Slack, the views reference the uploaded file.
 */
export { MAX_ALT_TEXT, lineChartAltText, smallMultiplesAltText, trendInWords } from './alt-text.js';
export { ChartRenderError } from './errors.js';
export { DEFAULT_CHART_WEEKS, LINE_CHART_SIZE, lineChartOption, renderKpiLineChart } from './line-chart.js';
export { imageTitle, MAX_CHARTS_PER_IMAGE, renderDigestCharts, renderSmallMultiples, smallMultiplesOption, splitForImages } from './small-multiples.js';
export type { ChartImage, KpiChartSeries } from './types.js';
