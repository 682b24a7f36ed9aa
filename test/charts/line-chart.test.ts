import { describe, expect, it } from 'vitest';
import { lineChartOption, renderKpiLineChart } from '../../src/charts/index.js';
import { CHART_STYLE } from '../../src/charts/style.js';
import { readPng } from './png.js';
import { REVENUE, weeklySeries } from './series.js';

/** `#e01e5a` as RGB: the current week's marker. */
const CURRENT: [number, number, number] = [0xe0, 0x1e, 0x5a];

function seriesOf(option: ReturnType<typeof lineChartOption>): Record<string, unknown> {
  const series = option.series;
  const first: unknown = Array.isArray(series) ? series[0] : series;
  if (typeof first !== 'object' || first === null) throw new Error('the option has no series');
  return first as Record<string, unknown>;
}

describe('the details chart', () => {
  it('is a 1200 × 600 PNG with ink on it', () => {
    const facts = readPng(renderKpiLineChart(weeklySeries(REVENUE), 'en-US').png);
    expect([facts.width, facts.height]).toEqual([1200, 600]);
    // A blank or nearly blank picture (no axes, no line, no text) has far fewer drawn pixels.
    expect(facts.inked).toBeGreaterThan(10_000);
  });

  it('gives the same bytes for the same data and different bytes for different data', () => {
    const a = renderKpiLineChart(weeklySeries(REVENUE), 'en-US').png;
    const b = renderKpiLineChart(weeklySeries(REVENUE), 'en-US').png;
    const c = renderKpiLineChart(weeklySeries([...REVENUE.slice(0, 11), 1500]), 'en-US').png;
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it('marks the current week in its own colour, and nothing is marked when the current week is not shown', () => {
    const marked = readPng(renderKpiLineChart(weeklySeries(REVENUE), 'en-US').png);
    const unmarked = readPng(renderKpiLineChart(weeklySeries(REVENUE, { currentPeriod: '2026-W49' }), 'en-US').png);
    expect(marked.near(CURRENT)).toBeGreaterThan(200);
    expect(unmarked.near(CURRENT)).toBe(0);
  });

  it('draws weeks without a value as gaps, not zeros', () => {
    const series = seriesOf(lineChartOption(weeklySeries(REVENUE), 'en-US'));
    expect(series.connectNulls).toBe(false);
    expect(series.data).toEqual([1200, 1250, null, 1300, 1280, 1350, 1400, null, null, 1420, 1390, 1450]);
  });

  it("labels the axis in the KPI's units and the person's locale", () => {
    const format = (locale: string, patch = {}): string => {
      const axis = lineChartOption(weeklySeries(REVENUE, patch), locale).yAxis as { axisLabel: { formatter: (v: number) => string } };
      return axis.axisLabel.formatter(1234.5);
    };
    expect(format('en-US')).toBe('$1,235');
    expect(format('de-DE')).toBe('$1.235');
    expect(format('en-US', { formatting: { prefix: '', suffix: '%', fractionSize: 1 } })).toBe('1,234.5%');
  });

  it('never puts two ticks closer than the KPI shows (no 2, 2, 3 on a whole-number axis)', () => {
    const whole = lineChartOption(weeklySeries([1, 2, 3]), 'en-US').yAxis as { minInterval: number };
    const tenths = lineChartOption(weeklySeries([1, 2, 3], { formatting: { prefix: '', suffix: '', fractionSize: 1 } }), 'en-US').yAxis as { minInterval: number };
    expect(whole.minInterval).toBe(1);
    expect(tenths.minInterval).toBeCloseTo(0.1);
  });

  it("shows which way is good for the KPI's target, and no arrow when the target says neither", () => {
    const text = (op: string): unknown => (lineChartOption(weeklySeries(REVENUE, { targetOperator: op }), 'en-US').graphic as Array<{ style: { text: string } }> | undefined)?.[0]?.style.text;
    expect(text('should_increase')).toBe('↑ higher is better');
    expect(text('should_decrease')).toBe('↓ lower is better');
    expect(text('something_else')).toBeUndefined();
  });

  it('says the trend in words in its alt text', () => {
    const { altText } = renderKpiLineChart(weeklySeries(REVENUE), 'en-US');
    expect(altText).toBe(
      'Line chart of Monthly recurring revenue over the last 12 weeks: it rose from $1,200 in 2026-W37 to $1,450 in 2026-W48 (+20.8%), good for this KPI (higher is better); highest $1,450 in 2026-W48, lowest $1,200 in 2026-W37; 3 weeks have no value.',
    );
  });

  it('still renders a KPI without any value, and says so', () => {
    const image = renderKpiLineChart(weeklySeries(Array.from({ length: 12 }, () => undefined)), 'en-US');
    expect(readPng(image.png).width).toBe(1200);
    expect(image.altText).toBe('Line chart of Monthly recurring revenue over the last 12 weeks: it has no value in these weeks.');
  });

  it('uses the line colour the style sets', () => {
    const hex = CHART_STYLE.line.slice(1);
    const rgb: [number, number, number] = [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
    expect(readPng(renderKpiLineChart(weeklySeries(REVENUE), 'en-US').png).near(rgb, 8)).toBeGreaterThan(1000);
  });
});
