import { lineChartAltText } from './alt-text.js';
import { renderOptionToPng, type ChartOption } from './rasterize.js';
import { CHART_STYLE } from './style.js';
import type { ChartImage, KpiChartSeries } from './types.js';
import { formatAxisValue, goodDirectionOf, minimumTickStep, shortWeek } from './values.js';

/** The details chart's SVG size; drawn at twice that (1200 × 600 px) so it stays sharp when Slack scales it. */
export const LINE_CHART_SIZE = { width: 600, height: 300, scale: 2 } as const;

/** The weeks a details chart shows unless asked for more (`/kpi show <kpi> 26w`). */
export const DEFAULT_CHART_WEEKS = 12;

/**
 * The ECharts option of a KPI's details chart (pure: tests read it, `renderKpiLineChart` draws
 * it). Weeks without a value are `null` with `connectNulls: false`, so they are gaps, not zeros;
 * the current week is a dashed vertical line and a larger point; an arrow in the corner says
 * which way is good for the KPI's target (none when Gtmhub's target operator says neither).
 */
export function lineChartOption(series: KpiChartSeries, locale: string): ChartOption {
  const categories = series.weeks.map((w) => shortWeek(w.period));
  const data = series.weeks.map((w) => (w.value === undefined || !Number.isFinite(w.value) ? null : w.value));
  const currentIndex = series.weeks.findIndex((w) => w.period === series.currentPeriod);
  const good = goodDirectionOf(series);
  const first = series.weeks[0]?.period ?? '';
  const last = series.weeks[series.weeks.length - 1]?.period ?? '';
  return {
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_STYLE.font, color: CHART_STYLE.text },
    title: {
      text: series.name,
      subtext: `Last ${series.weeks.length} weeks · ${first} – ${last}`,
      left: 12,
      top: 8,
      textStyle: { fontSize: 15, fontWeight: 600, color: CHART_STYLE.text },
      subtextStyle: { fontSize: 11, color: CHART_STYLE.muted },
    },
    grid: { left: 16, right: 28, top: 76, bottom: 12, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      boundaryGap: true,
      axisTick: { alignWithLabel: true },
      axisLine: { onZero: false, lineStyle: { color: CHART_STYLE.muted } },
      axisLabel: { color: CHART_STYLE.muted, fontSize: 10, interval: categories.length > 16 ? 'auto' : 0 },
    },
    yAxis: {
      type: 'value',
      scale: true,
      minInterval: minimumTickStep(series),
      splitNumber: 4,
      splitLine: { lineStyle: { color: CHART_STYLE.grid } },
      axisLabel: { color: CHART_STYLE.muted, fontSize: 10, formatter: (value: number) => formatAxisValue(value, series, locale) },
    },
    ...(good === undefined ? {} : { graphic: goodDirectionArrow(good) }),
    series: [
      {
        type: 'line',
        data,
        connectNulls: false,
        showSymbol: true,
        symbol: 'circle',
        symbolSize: (_value: unknown, params: { dataIndex: number }) => (params.dataIndex === currentIndex ? 9 : 5),
        lineStyle: { color: CHART_STYLE.line, width: 2 },
        itemStyle: { color: CHART_STYLE.line },
        markLine:
          currentIndex < 0
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: CHART_STYLE.current, type: 'dashed', width: 1 },
                label: { formatter: 'This week', color: CHART_STYLE.current, fontSize: 10, position: 'end' },
                data: [{ xAxis: currentIndex }],
              },
      },
    ],
  };
}

/** "↑ higher is better" in the top right corner. */
function goodDirectionArrow(good: 'up' | 'down'): Record<string, unknown>[] {
  return [
    {
      type: 'text',
      right: 24,
      top: 14,
      style: {
        text: good === 'up' ? '↑ higher is better' : '↓ lower is better',
        fill: CHART_STYLE.good,
        fontSize: 11,
        fontFamily: CHART_STYLE.font,
      },
    },
  ];
}

/** The details chart of one KPI as a 1200 × 600 PNG with its alt text. */
export function renderKpiLineChart(series: KpiChartSeries, locale: string): ChartImage {
  const { png, width, height } = renderOptionToPng(lineChartOption(series, locale), LINE_CHART_SIZE);
  return { png, width, height, altText: lineChartAltText(series, locale) };
}
