import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { comparePeriods, formatWeekRange, isoWeekOf, lastNPeriods, nextPeriod, periodEnd, periodOf, periodsBetween, periodStart, previousPeriod } from '../../src/time/periods.js';
import { isValidPeriod, parsePeriod, shiftPeriod } from '../../src/gtmhub/periods.js';
import { PeriodFormatError } from '../../src/gtmhub/periods.js';
import { TimeZoneFormatError } from '../../src/gtmhub/offsets.js';

describe('isoWeekOf', () => {
  it.each([
    ['2020-12-31T12:00:00Z', '2020-W53'],
    ['2021-01-01T12:00:00Z', '2020-W53'],
    ['2021-01-04T12:00:00Z', '2021-W01'],
    ['2024-12-30T12:00:00Z', '2025-W01'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
    ['2026-11-28T12:00:00Z', '2026-W48'],
  ])('labels %s with the ISO week-year: %s', (iso, week) => {
    expect(isoWeekOf(new Date(iso), 'UTC')).toBe(week);
  });

  // 2026-11-29T23:30 in New York (UTC-5) is 2026-11-30T05:30 in Berlin (UTC+1).
  const sundayNightInNewYork = DateTime.fromISO('2026-11-29T23:30', { zone: 'America/New_York' });
  it.each([
    ['America/New_York', '2026-W48'],
    ['Europe/Berlin', '2026-W49'],
    ['UTC+5:30', '2026-W49'],
  ])('puts Sunday 23:30 in New York into the week of %s: %s', (zone, week) => {
    expect(isoWeekOf(sundayNightInNewYork, zone)).toBe(week);
  });

  it('accepts epoch milliseconds, Date and DateTime alike', () => {
    const ms = Date.UTC(2026, 10, 28, 12);
    expect([isoWeekOf(ms, 'UTC'), isoWeekOf(new Date(ms), 'UTC'), isoWeekOf(DateTime.fromMillis(ms), 'UTC')]).toEqual([
      '2026-W48',
      '2026-W48',
      '2026-W48',
    ]);
  });

  it.each(['Mars/Base', 'UTC+99', 'GMT+3', ''])('refuses the unknown zone "%s"', (zone) => {
    expect(() => isoWeekOf(0, zone)).toThrow(TimeZoneFormatError);
  });
});

describe('periodOf', () => {
  it.each([
    ['day', '2026-11-28'],
    ['week', '2026-W48'],
    ['month', '2026-11'],
    ['quarter', '2026-Q4'],
  ] as const)('labels a %s as %s', (groupBy, label) => {
    expect(periodOf(new Date('2026-11-28T12:00:00Z'), 'UTC', groupBy)).toBe(label);
  });

  it('uses the calendar of the zone: New Year in Tokyo is still December in UTC', () => {
    const instant = new Date('2026-12-31T20:00:00Z');
    expect([periodOf(instant, 'UTC', 'quarter'), periodOf(instant, 'Asia/Tokyo', 'quarter')]).toEqual(['2026-Q4', '2027-Q1']);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2026-11-28', 'day', '2026-11-28', '2026-11-28'],
    ['2024-02-29', 'day', '2024-02-29', '2024-02-29'],
    ['2026-W48', 'week', '2026-11-23', '2026-11-29'],
    ['2020-W53', 'week', '2020-12-28', '2021-01-03'],
    ['2025-W01', 'week', '2024-12-30', '2025-01-05'],
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
  ])('reads %s as a %s from %s to %s inclusive', (label, groupBy, startDate, endDate) => {
    expect(parsePeriod(label)).toEqual({ groupBy, label, startDate, endDate });
  });

  it.each([
    ['2021-W53', '"2021-W53" is not a week: 2021 has 52 ISO weeks.'],
    ['2026-W00', '"2026-W00" is not a week: ISO weeks run from W01 to W52 or W53.'],
    ['2026-W54', '"2026-W54" is not a week: ISO weeks run from W01 to W52 or W53.'],
    ['2026-13', '"2026-13" is not a month: months run from 01 to 12.'],
    ['2026-00', '"2026-00" is not a month: months run from 01 to 12.'],
    ['2026-Q5', '"2026-Q5" is not a quarter: quarters run from Q1 to Q4.'],
    ['2026-Q0', '"2026-Q0" is not a quarter: quarters run from Q1 to Q4.'],
    ['2026-02-30', '"2026-02-30" is not a day: February 2026 has 28 days.'],
    ['2026-13-01', '"2026-13-01" is not a day: months run from 01 to 12.'],
  ])('refuses %s with one clear sentence', (label, message) => {
    expect(() => parsePeriod(label)).toThrow(new PeriodFormatError(label, message));
  });

  it.each(['', 'garbage', '2026-w48', '2026-W4', '26-W48', '2026-11-28T00:00', ' 2026-W48', '2026/11'])(
    'refuses the malformed label "%s" and lists the accepted forms',
    (label) => {
      expect(() => parsePeriod(label)).toThrow(/is not a period: write a day \(2026-11-28\), a week \(2026-W48\)/);
    },
  );

  it('gives its errors a code', () => {
    expect(() => parsePeriod('2026-Q5')).toThrow(expect.objectContaining({ code: 'period_format', label: '2026-Q5' }));
  });
});

describe('isValidPeriod', () => {
  it.each([
    ['2026-W53', true],
    ['2027-W53', false],
    ['2026-12', true],
    ['2026-02-29', false],
    ['nonsense', false],
  ])('says %s is valid: %s', (label, valid) => {
    expect(isValidPeriod(label)).toBe(valid);
  });
});

describe('shiftPeriod', () => {
  it.each([
    ['2021-W01', -1, '2020-W53'],
    ['2020-W53', 1, '2021-W01'],
    ['2025-W01', -1, '2024-W52'],
    ['2026-W48', -8, '2026-W40'],
    ['2026-W48', 0, '2026-W48'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 2, '2027-02'],
    ['2026-Q1', -1, '2025-Q4'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-Q2', -9, '2024-Q1'],
  ])('moves %s by %i to %s', (label, n, expected) => {
    expect(shiftPeriod(label, n)).toBe(expected);
  });

  it('steps back and forth one period with previousPeriod and nextPeriod', () => {
    expect([previousPeriod('2021-W01'), nextPeriod('2026-W53')]).toEqual(['2020-W53', '2027-W01']);
  });

  it('refuses a fractional shift', () => {
    expect(() => shiftPeriod('2026-W48', 0.5)).toThrow(RangeError);
  });
});

describe('periodStart and periodEnd', () => {
  it('gives the start of the first day and the start of the day after the last day, in the zone', () => {
    expect([periodStart('2026-W48', 'America/New_York').toISO(), periodEnd('2026-W48', 'America/New_York').toISO()]).toEqual([
      '2026-11-23T00:00:00.000-05:00',
      '2026-11-30T00:00:00.000-05:00',
    ]);
  });

  it('follows the zone across a DST change inside the period', () => {
    // Europe/Berlin leaves summer time on 2026-10-25, inside October.
    expect([periodStart('2026-10', 'Europe/Berlin').toISO(), periodEnd('2026-10', 'Europe/Berlin').toISO()]).toEqual([
      '2026-10-01T00:00:00.000+02:00',
      '2026-11-01T00:00:00.000+01:00',
    ]);
  });

  it('accepts a Gtmhub offset as the zone', () => {
    expect(periodStart('2026-Q1', 'UTC+5:30').toUTC().toISO()).toBe('2025-12-31T18:30:00.000Z');
  });
});

describe('periodsBetween and lastNPeriods', () => {
  it('lists every week from one label to another, oldest first, across a year end', () => {
    expect(periodsBetween('2020-W52', '2021-W02')).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });

  it('gives nothing when the range runs backwards', () => {
    expect(periodsBetween('2026-W10', '2026-W09')).toEqual([]);
  });

  it('refuses to mix kinds of period', () => {
    expect(() => periodsBetween('2026-W10', '2026-03')).toThrow(PeriodFormatError);
  });

  it('gives the 8 weeks ending with a label, oldest first', () => {
    expect(lastNPeriods('2021-W03', 8)).toEqual([
      '2020-W49',
      '2020-W50',
      '2020-W51',
      '2020-W52',
      '2020-W53',
      '2021-W01',
      '2021-W02',
      '2021-W03',
    ]);
  });

  it('gives just the label when asked for one period, and nothing for zero', () => {
    expect([lastNPeriods('2026-Q1', 1), lastNPeriods('2026-Q1', 0)]).toEqual([['2026-Q1'], []]);
  });

  it('orders labels with comparePeriods', () => {
    expect(['2021-W01', '2020-W53', '2021-W10'].sort(comparePeriods)).toEqual(['2020-W53', '2021-W01', '2021-W10']);
  });
});

describe('formatWeekRange', () => {
  it.each([
    ['2026-W48', 'en-US', 'Nov 23–29'],
    ['2026-W53', 'en-US', 'Dec 28 – Jan 3'],
    ['2026-W05', 'en-US', 'Jan 26 – Feb 1'],
    ['2026-W48', 'not a locale', 'Nov 23–29'],
  ])('shows %s in %s as %s', (label, locale, text) => {
    expect(formatWeekRange(label, locale)).toBe(text);
  });

  it('uses the month names of the locale', () => {
    expect(formatWeekRange('2026-W10', 'de-DE')).toBe('März 2–8');
  });

  it('refuses a label that is not a week', () => {
    expect(() => formatWeekRange('2026-11', 'en-US')).toThrow(PeriodFormatError);
  });
});
