import { describe, expect, it } from 'vitest';
import { parsePeriodInput } from '../../src/kpis/period-input.js';
import { TimeZoneFormatError } from '../../src/gtmhub/offsets.js';

// Thursday 2026-11-26, 12:00 UTC: week 2026-W48 everywhere.
const NOW = new Date('2026-11-26T12:00:00Z');

describe('parsePeriodInput', () => {
  it.each([
    [undefined, '2026-W48'],
    ['', '2026-W48'],
    ['  ', '2026-W48'],
    ['this week', '2026-W48'],
    ['This  Week', '2026-W48'],
    ['last week', '2026-W47'],
    ['2026-W47', '2026-W47'],
    ['2026-w47', '2026-W47'],
    ['2026W47', '2026-W47'],
    ['W47', '2026-W47'],
    ['w7', '2026-W07'],
    ['2026-W48', '2026-W48'],
    ['2020-W53', '2020-W53'],
  ])('reads %j as %s', (text, label) => {
    expect(parsePeriodInput(text, NOW, 'Europe/Berlin')).toEqual({ ok: true, label });
  });

  it('takes the current week in the zone given', () => {
    // Sunday 2026-11-29 23:30 in New York is already Monday of 2026-W49 in Berlin.
    const sundayNight = new Date('2026-11-30T04:30:00Z');
    expect([parsePeriodInput('', sundayNight, 'America/New_York'), parsePeriodInput('', sundayNight, 'Europe/Berlin')]).toEqual([
      { ok: true, label: '2026-W48' },
      { ok: true, label: '2026-W49' },
    ]);
  });

  it('reads W01 in early January with the week-year, not the calendar year', () => {
    // 2027-01-01 belongs to 2026-W53, so "W01" there means 2026-W01.
    expect(parsePeriodInput('W01', new Date('2027-01-01T12:00:00Z'), 'UTC')).toEqual({ ok: true, label: '2026-W01' });
  });

  it('reads a bare week number that has not come yet this year as that week of last year', () => {
    expect(parsePeriodInput('W49', NOW, 'Europe/Berlin')).toEqual({ ok: true, label: '2025-W49' });
  });

  it('reads W52 during 2026-W01 as last week, 2025-W52', () => {
    // Monday 2025-12-29 is the first day of 2026-W01.
    expect(parsePeriodInput('W52', new Date('2025-12-30T12:00:00Z'), 'UTC')).toEqual({ ok: true, label: '2025-W52' });
  });

  it('reads a bare W53 as the most recent year that had a 53rd week', () => {
    // 2026 has 53 ISO weeks; 2027 and 2028 do not.
    expect(parsePeriodInput('W53', new Date('2028-06-01T12:00:00Z'), 'UTC')).toEqual({ ok: true, label: '2026-W53' });
  });

  it('goes back across a year end for "last week"', () => {
    expect(parsePeriodInput('last week', new Date('2021-01-05T12:00:00Z'), 'UTC')).toEqual({ ok: true, label: '2020-W53' });
  });

  it.each([
    ['2026-W50', '2026-W50 has not started yet.'],
    ['2021-W53', '"2021-W53" is not a week: 2021 has 52 ISO weeks.'],
    ['W00', '"2026-W00" is not a week: ISO weeks run from W01 to W52 or W53.'],
    ['next week', '“next week” is not a week: type this week, last week, 2026-W48 or W48.'],
    ['2026-11', '“2026-11” is not a week: type this week, last week, 2026-W48 or W48.'],
    ['yesterday', '“yesterday” is not a week: type this week, last week, 2026-W48 or W48.'],
  ])('refuses %j', (text, reason) => {
    expect(parsePeriodInput(text, NOW, 'Europe/Berlin')).toEqual({ ok: false, reason });
  });

  it('throws for an unusable zone, a programming error rather than a user mistake', () => {
    expect(() => parsePeriodInput('', NOW, 'Mars/Base')).toThrow(TimeZoneFormatError);
  });
});
