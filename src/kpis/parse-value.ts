/**
 * Reads a KPI value the way people type it in a Slack modal: `1,234.5`, `€3,5`, `12%`, `$1.2k`,
 * `3M`, `−4`. Refusals carry one sentence that says what to type instead, shown under the input.
 */

export type ParseKpiValueResult = { ok: true; value: number } | { ok: false; reason: string };

/** Beyond this, the number is almost certainly a typo (Gtmhub stores doubles; 1e15 is still exact). */
const MAX_MAGNITUDE = 1e15;
const MAX_DECIMALS = 10;
/** Longer input is not a number anyone means; refusing early keeps the reason readable. */
const MAX_INPUT_LENGTH = 64;
const EXAMPLES = '1234.5, 1,234.5, 12%, $1.2k or 3M';

/** Spaces people (and copy-paste from spreadsheets) use as thousands separators: NBSP, narrow NBSP, thin. */
const SPACE_LIKE = /[\u00A0\u2007\u2009\u200A\u202F]/g;
const UNICODE_MINUS = /[\u2212\u2012\u2013\uFE63\uFF0D]/g;
const NOT_FINITE = /^[+-]?(nan|inf|infinity|∞)$/i;
const CURRENCY = '$€£¥₹₩₽₺₪฿₫';
/** sign? currency? sign? core multiplier? (% or currency)? — the core is checked separately. */
const SHAPE = new RegExp(
  `^([+-])?\\s*([${CURRENCY}])?\\s*([+-])?\\s*([0-9., ]*[0-9][0-9., ]*?)\\s*(k|mn|m|bn|b|tn|t)?\\s*([%${CURRENCY}])?$`,
  'i',
);
const MULTIPLIER_EXPONENT: Record<string, number> = { k: 3, m: 6, mn: 6, b: 9, bn: 9, t: 12, tn: 12 };

const SPACE_GROUPED = /^\d{1,3}( \d{3})+([.,]\d+)?$/;
const COMMA_GROUPED = /^[1-9]\d{0,2}(,\d{3})+$/;
const DOT_GROUPED = /^[1-9]\d{0,2}(\.\d{3})+$/;
const DECIMAL_COMMA = /^\d*,\d{1,2}$/;
const DECIMAL_POINT = /^(\d*)\.(\d*)$/;

type Core = { integer: string; fraction: string } | 'ambiguous';

/** Parses what a user typed as a KPI value; `(12)` is read as −12, as accountants write it. */
export function parseKpiValue(input: string): ParseKpiValueResult {
  let text = input.replace(SPACE_LIKE, ' ').replace(UNICODE_MINUS, '-').trim();
  const shown = quote(text);
  if (text === '') return refuse(`Type a number, for example ${EXAMPLES}.`);
  if (text.length > MAX_INPUT_LENGTH) return refuse(`${shown} is not a number: try ${EXAMPLES}.`);
  if (NOT_FINITE.test(text)) return refuse(`${shown} is not a value a KPI can hold: type a finite number such as 1234.5.`);

  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1]!.trim();
  }
  const shape = SHAPE.exec(text);
  // A sign inside parentheses, or two signs, is not a way anyone writes a number.
  if (!shape || (shape[1] && shape[3]) || (parenthesised && (shape[1] || shape[3]))) {
    return refuse(`${shown} is not a number: try ${EXAMPLES}.`);
  }
  const [, sign1, , sign2, coreText, multiplier] = shape;
  if ((sign1 ?? sign2) === '-') negative = !negative;

  const core = readCore(coreText!.trim());
  if (core === 'ambiguous') {
    return refuse(
      `${shown} has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).`,
    );
  }
  if (core.fraction.length > MAX_DECIMALS) {
    return refuse(`${shown} has ${core.fraction.length} decimals: a KPI value can have at most ${MAX_DECIMALS}.`);
  }
  const exponent = multiplier ? MULTIPLIER_EXPONENT[multiplier.toLowerCase()]! : 0;
  // Scale in decimal notation, not by multiplying: 1.1 * 1000 is 1100.0000000000002, `1.1e3` is 1100.
  const magnitude = Number(`${core.integer || '0'}.${core.fraction || '0'}e${exponent}`);
  if (magnitude > MAX_MAGNITUDE) {
    return refuse(`${shown} is too large: a KPI value must stay between −1,000,000,000,000,000 and 1,000,000,000,000,000.`);
  }
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  return { ok: true, value };
}

/**
 * Splits the digits into integer and fraction, deciding which separator is the decimal one:
 * with both `.` and `,`, the last one is; a lone `,` before 1–2 digits is a decimal comma; a lone
 * `.` is a decimal point; repeated separators must group by three.
 */
function readCore(core: string): Core {
  if (core.includes(' ')) {
    if (!SPACE_GROUPED.test(core)) return 'ambiguous';
    core = core.replace(/ /g, '');
  }
  const lastDot = core.lastIndexOf('.');
  const lastComma = core.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    const integer = core.slice(0, decimalAt);
    const fraction = core.slice(decimalAt + 1);
    const grouped = lastDot > lastComma ? COMMA_GROUPED : DOT_GROUPED;
    if (!grouped.test(integer) || !/^\d+$/.test(fraction)) return 'ambiguous';
    return { integer: integer.replace(/[.,]/g, ''), fraction };
  }
  if (lastComma >= 0) {
    if (DECIMAL_COMMA.test(core)) {
      const [integer, fraction] = core.split(',') as [string, string];
      return { integer, fraction };
    }
    return COMMA_GROUPED.test(core) ? { integer: core.replace(/,/g, ''), fraction: '' } : 'ambiguous';
  }
  if (lastDot >= 0) {
    const decimal = DECIMAL_POINT.exec(core);
    if (decimal) return { integer: decimal[1]!, fraction: decimal[2]! };
    return DOT_GROUPED.test(core) ? { integer: core.replace(/\./g, ''), fraction: '' } : 'ambiguous';
  }
  return { integer: core, fraction: '' };
}

function refuse(reason: string): ParseKpiValueResult {
  return { ok: false, reason };
}

function quote(text: string): string {
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}
