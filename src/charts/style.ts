import { CHART_FONT_FAMILY } from './font.js';

/** Colours and sizes shared by the details chart and the digest's small multiples. */
export const CHART_STYLE = {
  font: CHART_FONT_FAMILY,
  text: '#1d1c1d',
  muted: '#616061',
  grid: '#e8e8e8',
  line: '#1264a3',
  current: '#e01e5a',
  good: '#2bac76',
} as const;
