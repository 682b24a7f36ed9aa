import { describe, expect, it } from 'vitest';
import { DigestScheduleError, nextRunAt, periodForRun } from '../../src/digests/schedule.js';

const at = (iso: string) => new Date(iso);

describe('nextRunAt', () => {
  it.each([
    // [zone, weekday, time, after, expected UTC instant, why]
    ['America/New_York', 1, '09:00', '2026-03-04T12:00:00Z', '2026-03-09T13:00:00.000Z', '09:00 EDT the Monday after spring forward'],
    ['America/New_York', 1, '09:00', '2026-02-25T12:00:00Z', '2026-03-02T14:00:00.000Z', '09:00 EST the Monday before'],
    ['America/New_York', 7, '02:30', '2026-03-04T12:00:00Z', '2026-03-08T07:00:00.000Z', '02:30 does not exist on 2026-03-08: runs at 03:00 EDT'],
    ['America/New_York', 7, '01:30', '2026-10-28T12:00:00Z', '2026-11-01T05:30:00.000Z', '01:30 happens twice on 2026-11-01: the first (EDT)'],
    ['America/New_York', 7, '09:00', '2026-10-28T12:00:00Z', '2026-11-01T14:00:00.000Z', '09:00 EST on the fall-back day'],
    ['Europe/Berlin', 7, '02:30', '2026-03-25T12:00:00Z', '2026-03-29T01:00:00.000Z', '02:30 does not exist on 2026-03-29: runs at 03:00 CEST'],
    ['Europe/Berlin', 1, '09:00', '2026-03-25T12:00:00Z', '2026-03-30T07:00:00.000Z', '09:00 CEST after spring forward'],
    ['Europe/Berlin', 7, '02:30', '2026-10-21T12:00:00Z', '2026-10-25T00:30:00.000Z', '02:30 happens twice on 2026-10-25: the first (CEST)'],
    ['Europe/Berlin', 1, '09:00', '2026-10-21T12:00:00Z', '2026-10-26T08:00:00.000Z', '09:00 CET after fall back'],
    ['Pacific/Chatham', 1, '09:00', '2026-01-07T00:00:00Z', '2026-01-11T19:15:00.000Z', '09:00 at UTC+13:45 (summer)'],
    ['Pacific/Chatham', 1, '09:00', '2026-07-01T00:00:00Z', '2026-07-05T20:15:00.000Z', '09:00 at UTC+12:45 (winter)'],
    ['Asia/Kolkata', 5, '17:30', '2026-11-25T00:00:00Z', '2026-11-27T12:00:00.000Z', '17:30 at UTC+5:30'],
  ])('%s weekday %i at %s after %s runs at %s (%s)', (zone, weekday, time, after, expected) => {
    expect(nextRunAt({ zone, weekday, time }, at(after)).toISOString()).toBe(expected);
  });

  it('is strictly after the given instant: a run at its own slot schedules next week', () => {
    const slot = at('2026-11-30T08:00:00.000Z');
    expect(nextRunAt({ zone: 'Europe/Berlin', weekday: 1, time: '09:00' }, slot).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('runs a fall-back overlap time only once: after the first occurrence, the next is a week later', () => {
    const first = at('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(nextRunAt({ zone: 'America/New_York', weekday: 7, time: '01:30' }, first).toISOString()).toBe('2026-11-08T06:30:00.000Z');
  });

  it('keeps a 09:00 digest at 09:00 local across the DST change, week after week', () => {
    const schedule = { zone: 'America/New_York', weekday: 1, time: '09:00' };
    let slot = at('2026-02-23T14:00:00.000Z');
    const locals: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      slot = nextRunAt(schedule, slot);
      locals.push(new Intl.DateTimeFormat('en-GB', { timeZone: schedule.zone, hour: '2-digit', minute: '2-digit' }).format(slot));
    }
    expect(locals).toEqual(['09:00', '09:00', '09:00', '09:00']);
  });

  it('refuses a schedule without a slot, saying what is wrong', () => {
    expect(() => nextRunAt({ zone: 'Europe/Berlin', weekday: 8, time: '09:00' }, new Date())).toThrow(DigestScheduleError);
    expect(() => nextRunAt({ zone: 'Europe/Berlin', weekday: 1, time: '24:00' }, new Date())).toThrow(/HH:mm/);
  });
});

describe('periodForRun', () => {
  it.each([
    ['2027-01-04T09:00:00Z', 'UTC', '2026-W53', 'Monday 2027-01-04 is in 2027-W01; 2026 has 53 ISO weeks'],
    ['2021-01-04T09:00:00Z', 'UTC', '2020-W53', 'Monday 2021-01-04 is in 2021-W01; 2020 has 53 ISO weeks'],
    ['2025-01-06T09:00:00Z', 'UTC', '2025-W01', 'Monday 2025-01-06 is in 2025-W02; 2025-W01 began on 2024-12-30'],
    ['2026-03-02T04:00:00Z', 'America/New_York', '2026-W08', 'Sunday night in New York is still the week of 2026-W09'],
    ['2026-03-02T04:00:00Z', 'Europe/Berlin', '2026-W09', 'the same instant is Monday in Berlin'],
  ])('a run at %s in %s covers %s (%s)', (slot, zone, period) => {
    expect(periodForRun(at(slot), zone)).toBe(period);
  });
});
