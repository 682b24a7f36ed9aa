/**
 * KPI values as Gtmhub displays them: `prefix` + number with `fractionSize` decimals + `suffix`.
 * Only the number is localised (grouping and decimal marks of the user's Slack locale); prefix
 * and suffix stay exactly as Gtmhub gives them.
 */
import type { KpiFormatting } from '../gtmhub/types.js';
import { resolveLocale } from '../time/locale.js';

/** U+2212: the typographic minus, which does not break a line from its number in Slack. */
export const MINUS = '\u2212';
const MAX_FRACTION_DIGITS = 10;
/** Without Gtmhub formatting, show up to two decimals and no trailing zeros. */
const UNFORMATTED = { min: 0, max: 2 };

const formatters = new Map<string, Intl.NumberFormat>();

/** `$1,234.50`, `12.5%`, `−$3.00`; `n/a` for a value that is not a finite number. */
export function formatKpiValue(value: number, formatting: KpiFormatting | undefined, locale = 'en-US'): string {
  if (!Number.isFinite(value)) return 'n/a';
  const { sign, text } = signAndDigits(value, formatting, locale);
  return `${sign < 0 ? MINUS : ''}${text}`;
}

/**
 * Like `formatKpiValue`, but with as many decimals as the value has (at least the KPI's): for
 * saying what exactly was sent, where the KPI's rounding would misquote the user (2.75 → "2.8%").
 */
export function formatExactKpiValue(value: number, formatting: KpiFormatting | undefined, locale = 'en-US'): string {
  const decimals = Number.isFinite(value) ? (/\.(\d+)$/.exec(String(value))?.[1]?.length ?? 0) : 0;
  const base = formatting ?? { fractionSize: 0, prefix: '', suffix: '' };
  return formatKpiValue(value, { ...base, fractionSize: Math.max(fractionDigitsOf(formatting).min, decimals) }, locale);
}

/**
 * A change between two values with an explicit sign: `+$200.00`, `−3`. A change that rounds to
 * zero at the KPI's precision has no sign (`$0.00`): a `+` there would claim a rise nobody can see.
 */
export function formatDelta(delta: number, formatting: KpiFormatting | undefined, locale = 'en-US'): string {
  if (!Number.isFinite(delta)) return 'n/a';
  const { sign, text } = signAndDigits(delta, formatting, locale);
  return `${sign < 0 ? MINUS : sign > 0 ? '+' : ''}${text}`;
}

/**
 * A relative change given as a ratio (0.125 → `+12.5%`, −0.03 → `−3%`), one decimal at most;
 * `n/a` when there is no ratio (the previous value was 0 or missing: see `trendOf`).
 */
export function formatPercentChange(ratio: number | undefined, locale = 'en-US'): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return 'n/a';
  const percent = ratio * 100;
  const formatter = numberFormat(resolveLocale(locale), 0, 1);
  const rounded = Math.round(Math.abs(percent) * 10) / 10;
  const sign = rounded === 0 ? '' : percent < 0 ? MINUS : '+';
  return `${sign}${formatter.format(rounded)}%`;
}

/** The fraction digits Gtmhub asks for, clamped to what Intl and a Slack line can show. */
export function fractionDigitsOf(formatting: KpiFormatting | undefined): { min: number; max: number } {
  if (!formatting) return UNFORMATTED;
  const size = Number.isFinite(formatting.fractionSize) ? Math.round(formatting.fractionSize) : 0;
  const digits = Math.min(MAX_FRACTION_DIGITS, Math.max(0, size));
  return { min: digits, max: digits };
}

/** The prefixed, suffixed absolute value and the sign it keeps once rounded (−0.001 at 2 decimals is 0). */
function signAndDigits(value: number, formatting: KpiFormatting | undefined, locale: string): { sign: number; text: string } {
  const { min, max } = fractionDigitsOf(formatting);
  const formatter = numberFormat(resolveLocale(locale), min, max);
  const abs = Math.abs(value);
  const sign = abs < 0.5 * 10 ** -max ? 0 : Math.sign(value);
  return { sign, text: `${formatting?.prefix ?? ''}${formatter.format(sign === 0 ? 0 : abs)}${formatting?.suffix ?? ''}` };
}

/** Intl.NumberFormat is slow to construct; a digest formats thousands of values with a handful of shapes. */
function numberFormat(locale: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${min}|${max}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    formatters.set(key, formatter);
  }
  return formatter;
}
