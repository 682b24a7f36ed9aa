import { describe, expect, it } from 'vitest';
import { snoozeUntil } from '../../src/checkins/snooze.js';

describe('snoozeUntil', () => {
  const now = Date.parse('2026-12-07T10:15:00.000Z');

  it('1 hour is an hour from now', () => {
    expect(snoozeUntil('hour', now, 'Asia/Kolkata').toISOString()).toBe('2026-12-07T11:15:00.000Z');
  });

  it('tomorrow morning is 09:00 the next day in the person’s zone', () => {
    // 15:45 in Kolkata on Monday → Tuesday 09:00 there.
    expect(snoozeUntil('morning', now, 'Asia/Kolkata').toISOString()).toBe('2026-12-08T03:30:00.000Z');
    // 05:15 in New York on Monday: still tomorrow, not today's 09:00.
    expect(snoozeUntil('morning', now, 'America/New_York').toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });

  it('tomorrow morning is 09:00 local across a DST change', () => {
    // Saturday 2026-03-07 20:00 in New York (EST); Sunday 09:00 is EDT (UTC-4).
    expect(snoozeUntil('morning', Date.parse('2026-03-08T01:00:00.000Z'), 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});
