import { smallMultiplesAltText } from './alt-text.js';
import { ChartRenderError } from './errors.js';
import { renderOptionToPng, type ChartOption } from './rasterize.js';
import { CHART_STYLE } from './style.js';
import type { ChartImage, KpiChartSeries } from './types.js';
import { formatAxisValue, goodDirectionOf, knownWeeks, minimumTickStep, shortWeek } from './values.js';

/** At most this many KPIs in one digest image; more continue in further images (the thread). */
export const MAX_CHARTS_PER_IMAGE = 12;
const COLUMNS = 3;
const CELL = { width: 300, height: 160 } as const;
const HEADER = 40;
const SCALE = 2;
/** A KPI name longer than this is cut with an ellipsis: a cell is 300 units wide. */
const MAX_NAME = 34;

/** Splits a digest's KPIs into groups of at most `perImage`, in order. */
export function splitForImages<T>(items: readonly T[], perImage = MAX_CHARTS_PER_IMAGE): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += perImage) groups.push(items.slice(i, i + perImage));
  return groups;
}

/** The SVG size of an image of `count` small charts. */
export function smallMultiplesSize(count: number): { width: number; height: number; scale: number } {
  const rows = Math.max(1, Math.ceil(count / COLUMNS));
  return { width: CELL.width * COLUMNS, height: HEADER + rows * CELL.height, scale: SCALE };
}

function clipName(name: string): string {
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`;
}

/** "$1.450 · W48 ↑" — the latest value, its week, and the good direction's arrow. */
function cellSubtitle(series: KpiChartSeries, locale: string): string {
  const known = knownWeeks(series);
  const latest = known[known.length - 1];
  const good = goodDirectionOf(series);
  const arrow = good === undefined ? '' : good === 'up' ? '   ↑ higher is better' : '   ↓ lower is better';
  const value = latest === undefined ? 'no value' : `${formatAxisValue(latest.value, series, locale)} in ${shortWeek(latest.period)}`;
  return `${value}${arrow}`;
}

/**
 * The ECharts option of one digest image: a small line chart per KPI in a grid of three columns,
 * each with its own axis in the KPI's units, gaps for weeks without a value and the current
 * week as the larger, differently coloured last point.
 */
export function smallMultiplesOption(title: string, series: readonly KpiChartSeries[], locale: string): ChartOption {
  const titles: Record<string, unknown>[] = [
    { text: title, left: 12, top: 10, textStyle: { fontSize: 15, fontWeight: 600, color: CHART_STYLE.text } },
  ];
  const grids: Record<string, unknown>[] = [];
  const xAxes: Record<string, unknown>[] = [];
  const yAxes: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  series.forEach((s, i) => {
    const left = (i % COLUMNS) * CELL.width;
    const top = HEADER + Math.floor(i / COLUMNS) * CELL.height;
    const currentIndex = s.weeks.findIndex((w) => w.period === s.currentPeriod);
    const lastIndex = s.weeks.length - 1;
    titles.push({
      text: clipName(s.name),
      subtext: cellSubtitle(s, locale),
      left: left + 12,
      top: top + 4,
      itemGap: 3,
      textStyle: { fontSize: 12, fontWeight: 600, color: CHART_STYLE.text },
      subtextStyle: { fontSize: 10, color: CHART_STYLE.muted },
    });
    grids.push({ left: left + 12, top: top + 44, width: CELL.width - 36, height: CELL.height - 70, containLabel: true });
    xAxes.push({
      type: 'category',
      gridIndex: i,
      data: s.weeks.map((w) => shortWeek(w.period)),
      boundaryGap: true,
      axisTick: { show: false },
      axisLine: { onZero: false, lineStyle: { color: CHART_STYLE.grid } },
      // First and last week only: a cell has no room for every label.
      axisLabel: { color: CHART_STYLE.muted, fontSize: 9, interval: (index: number) => index === 0 || index === lastIndex },
    });
    yAxes.push({
      type: 'value',
      gridIndex: i,
      scale: true,
      minInterval: minimumTickStep(s),
      splitNumber: 2,
      splitLine: { lineStyle: { color: CHART_STYLE.grid } },
      axisLabel: { color: CHART_STYLE.muted, fontSize: 9, formatter: (value: number) => formatAxisValue(value, s, locale) },
    });
    lines.push({
      type: 'line',
      xAxisIndex: i,
      yAxisIndex: i,
      data: s.weeks.map((w, index) => {
        const value = w.value === undefined || !Number.isFinite(w.value) ? null : w.value;
        // The current week's point stands out: larger and in the "current" colour.
        return index === currentIndex && value !== null ? { value, symbolSize: 7, itemStyle: { color: CHART_STYLE.current } } : value;
      }),
      connectNulls: false,
      showSymbol: true,
      symbol: 'circle',
      symbolSize: 3,
      lineStyle: { color: CHART_STYLE.line, width: 1.5 },
      itemStyle: { color: CHART_STYLE.line },
    });
  });
  return {
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_STYLE.font, color: CHART_STYLE.text },
    title: titles,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series: lines,
  };
}

/** One digest image of at most 12 KPIs (the caller splits more with `splitForImages`). */
export function renderSmallMultiples(title: string, series: readonly KpiChartSeries[], locale: string): ChartImage {
  if (series.length > MAX_CHARTS_PER_IMAGE) throw new ChartRenderError(`One image holds at most ${MAX_CHARTS_PER_IMAGE} KPIs, not ${series.length}: split them with splitForImages.`);
  const { png, width, height } = renderOptionToPng(smallMultiplesOption(title, series, locale), smallMultiplesSize(series.length));
  return { png, width, height, altText: smallMultiplesAltText(title, series, locale) };
}

/** `Weekly KPIs — 2026-W47 (2/3)` when a digest needs several images; the title alone otherwise. */
export function imageTitle(title: string, index: number, count: number): string {
  return count > 1 ? `${title} (${index + 1}/${count})` : title;
}

/**
 * A digest's pictures: one image per group of up to 12 KPIs (`(2/3)` added to the title when
 * there are several), each with alt text that says every KPI's trend.
 */
export function renderDigestCharts(title: string, series: readonly KpiChartSeries[], locale: string): ChartImage[] {
  const groups = splitForImages(series);
  return groups.map((group, index) => renderSmallMultiples(imageTitle(title, index, groups.length), group, locale));
}
