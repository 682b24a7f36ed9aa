import { describe, expect, it } from 'vitest';
import { parseKpiValue } from '../../src/kpis/parse-value.js';

describe('parseKpiValue accepts what people type', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['12.345', 12.345],
    ['12%', 12],
    ['12 %', 12],
    ['$1.2k', 1200],
    ['1.1k', 1100],
    ['€3,5', 3.5],
    ['3,50 €', 3.5],
    ['3M', 3_000_000],
    ['3m', 3_000_000],
    ['2.5bn', 2_500_000_000],
    ['1B', 1_000_000_000],
    ['1.5T', 1_500_000_000_000],
    ['-4', -4],
    ['\u22124', -4],
    ['-$5', -5],
    ['$-5', -5],
    ['+7', 7],
    [' 1 234 ', 1234],
    ['1\u00A0234,5', 1234.5],
    ['1\u202F234 567', 1234567],
    ['(12)', -12],
    ['($1.2k)', -1200],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
    ['0.0000000001', 1e-10],
    ['1000000000000000', 1e15],
  ])('reads %j as %d', (input, value) => {
    expect(parseKpiValue(input)).toEqual({ ok: true, value });
  });

  it('never gives negative zero', () => {
    const result = parseKpiValue('-0');
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });
});

describe('parseKpiValue refuses with a sentence that says what to type', () => {
  it.each([
    ['', 'Type a number, for example 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['   ', 'Type a number, for example 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['abc', '“abc” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['12abc', '“12abc” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['1e5', '“1e5” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['--4', '“--4” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['(-4)', '“(-4)” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.'],
    ['NaN', '“NaN” is not a value a KPI can hold: type a finite number such as 1234.5.'],
    ['Infinity', '“Infinity” is not a value a KPI can hold: type a finite number such as 1234.5.'],
    ['-inf', '“-inf” is not a value a KPI can hold: type a finite number such as 1234.5.'],
    [
      '1,23,4',
      '“1,23,4” has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).',
    ],
    [
      '1.2.3',
      '“1.2.3” has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).',
    ],
    [
      '1,2345',
      '“1,2345” has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).',
    ],
    [
      '12 34',
      '“12 34” has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).',
    ],
    [
      '1.234.5,6',
      '“1.234.5,6” has separators that can be read two ways: write it like 1234.5 or 1,234.5 (a comma before one or two final digits is a decimal comma).',
    ],
    [
      '2000T',
      '“2000T” is too large: a KPI value must stay between −1,000,000,000,000,000 and 1,000,000,000,000,000.',
    ],
    [
      '-1000000000000001',
      '“-1000000000000001” is too large: a KPI value must stay between −1,000,000,000,000,000 and 1,000,000,000,000,000.',
    ],
    ['0.12345678901', '“0.12345678901” has 11 decimals: a KPI value can have at most 10.'],
  ])('refuses %j', (input, reason) => {
    expect(parseKpiValue(input)).toEqual({ ok: false, reason });
  });

  it('shortens a long input in its reason', () => {
    const result = parseKpiValue('x'.repeat(100));
    expect(result).toEqual({ ok: false, reason: `“${'x'.repeat(39)}…” is not a number: try 1234.5, 1,234.5, 12%, $1.2k or 3M.` });
  });
});
