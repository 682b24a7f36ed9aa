import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { ChartRenderError } from './errors.js';
import { CHART_FONT_FAMILY, chartFontFiles } from './font.js';

/** What ECharts' option type is called here: the views build it, this file draws it. */
export type ChartOption = echarts.EChartsOption;

export interface RasterSize {
  /** The SVG's own size, in the units the option's pixel positions use. */
  width: number;
  height: number;
  /** Output pixels per SVG unit (2 gives a sharp picture on high-density screens). */
  scale: number;
}

/** ECharts' server-side SVG of an option (no DOM, no canvas). Animation is off: a server-side frame must be the final one. */
export function renderOptionToSvg(option: ChartOption, size: Pick<RasterSize, 'width' | 'height'>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } catch (error) {
    throw new ChartRenderError('ECharts could not draw the chart.', { cause: error });
  } finally {
    chart.dispose();
  }
}

/**
 * Draws an ECharts option to PNG bytes: the SVG above, then resvg for the pixels, with only the
 * packaged font (system fonts off, so no machine's fonts change the picture).
 */
export function renderOptionToPng(option: ChartOption, size: RasterSize): { png: Buffer; width: number; height: number } {
  const svg = renderOptionToSvg(option, size);
  try {
    const resvg = new Resvg(svg, {
      font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
      fitTo: { mode: 'width', value: Math.round(size.width * size.scale) },
      background: '#ffffff',
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height };
  } catch (error) {
    throw new ChartRenderError('resvg could not turn the chart into a PNG.', { cause: error });
  }
}
