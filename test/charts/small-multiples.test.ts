import { describe, expect, it } from 'vitest';
import { ChartRenderError, MAX_CHARTS_PER_IMAGE, renderDigestCharts, renderSmallMultiples, smallMultiplesOption, splitForImages } from '../../src/charts/index.js';
import { readPng } from './png.js';
import { REVENUE, weeklySeries } from './series.js';

const churn = weeklySeries([3.2, 3.1, undefined, 3.0, 2.9, 3.0, 2.8, 2.9], {
  name: 'Churn rate',
  formatting: { prefix: '', suffix: '%', fractionSize: 1 },
  targetOperator: 'should_decrease',
});

function kpis(count: number): ReturnType<typeof weeklySeries>[] {
  return Array.from({ length: count }, (_, i) => weeklySeries(REVENUE.map((v) => (v === undefined ? v : v + i * 10)), { name: `KPI ${i + 1}` }));
}

describe('the digest image (small multiples)', () => {
  it('splits KPIs into images of at most 12, in order', () => {
    const groups = splitForImages(Array.from({ length: 26 }, (_, i) => i));
    expect(groups.map((g) => g.length)).toEqual([12, 12, 2]);
    expect(groups.flat()).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(MAX_CHARTS_PER_IMAGE).toBe(12);
  });

  it('renders one PNG per 12 KPIs, three charts a row, each numbered in its title', () => {
    const images = renderDigestCharts('Weekly KPIs — 2026-W48', kpis(14), 'en-US');
    expect(images).toHaveLength(2);
    const [first, second] = images.map((i) => readPng(i.png));
    expect([first?.width, first?.height]).toEqual([1800, 2 * (40 + 4 * 160)]);
    expect([second?.width, second?.height]).toEqual([1800, 2 * (40 + 160)]);
    expect(first?.inked).toBeGreaterThan(20_000);
    expect(images[0]?.altText.startsWith('Weekly KPIs — 2026-W48 (1/2): small line charts of 12 KPIs over 12 weeks.')).toBe(true);
    expect(images[1]?.altText.startsWith('Weekly KPIs — 2026-W48 (2/2): small line charts of 2 KPIs')).toBe(true);
  });

  it('gives the same bytes for the same digest', () => {
    const a = renderDigestCharts('Weekly KPIs', [churn], 'en-US')[0]?.png;
    const b = renderDigestCharts('Weekly KPIs', [churn], 'en-US')[0]?.png;
    expect(a && b && Buffer.compare(a, b)).toBe(0);
  });

  it("gives each KPI its own axis in its units, gaps for missing weeks, and the latest value with the target's direction", () => {
    const option = smallMultiplesOption('Weekly KPIs', [weeklySeries(REVENUE), churn], 'de-DE');
    const yAxes = option.yAxis as Array<{ gridIndex: number; axisLabel: { formatter: (v: number) => string } }>;
    expect(yAxes.map((a) => a.axisLabel.formatter(1234.56))).toEqual(['$1.235', '1.234,6%']);
    const series = option.series as Array<{ data: unknown[]; connectNulls: boolean }>;
    expect(series[1]?.data[2]).toBeNull();
    expect(series[1]?.connectNulls).toBe(false);
    const titles = option.title as Array<{ text: string; subtext?: string }>;
    expect(titles.map((t) => t.subtext)).toEqual([undefined, '$1.450 in W48   ↑ higher is better', '2,9% in W48   ↓ lower is better']);
  });

  it("says each KPI's trend in the alt text", () => {
    const [image] = renderDigestCharts('Weekly KPIs', [churn], 'en-US');
    expect(image?.altText).toBe(
      'Weekly KPIs: small line charts of 1 KPI over 8 weeks. Churn rate fell from 3.2% in 2026-W41 to 2.9% in 2026-W48 (−9.4%), good for this KPI (lower is better).',
    );
  });

  it('refuses more than 12 KPIs in one image, pointing at splitForImages', () => {
    expect(() => renderSmallMultiples('Weekly KPIs', kpis(13), 'en-US')).toThrow(ChartRenderError);
  });
});
