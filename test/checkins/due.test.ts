import { describe, expect, it } from 'vitest';
import { FALLBACK_ZONE, nextSlotForPerson, periodForSlot, zoneForPerson } from '../../src/checkins/due.js';

const monday0900 = { weekday: 1, time: '09:00', zone: null };

describe('nextSlotForPerson', () => {
  it('reaches Kolkata and New York each at their own Monday 09:00', () => {
    const after = new Date('2026-12-02T00:00:00Z');
    expect(nextSlotForPerson(monday0900, 'Asia/Kolkata', after).toISOString()).toBe('2026-12-07T03:30:00.000Z');
    expect(nextSlotForPerson(monday0900, 'America/New_York', after).toISOString()).toBe('2026-12-07T14:00:00.000Z');
  });

  it('keeps 09:00 local across DST in New York', () => {
    expect(nextSlotForPerson(monday0900, 'America/New_York', new Date('2026-03-04T00:00:00Z')).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextSlotForPerson(monday0900, 'America/New_York', new Date('2026-02-25T00:00:00Z')).toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('uses the reminder’s fixed zone for everybody when it has one', () => {
    const fixed = { ...monday0900, zone: 'Europe/Berlin' };
    const after = new Date('2026-12-02T00:00:00Z');
    expect(nextSlotForPerson(fixed, 'Asia/Kolkata', after).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextSlotForPerson(fixed, 'America/New_York', after).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });
});

describe('zoneForPerson', () => {
  it('falls back to UTC when the person has no usable zone', () => {
    expect(zoneForPerson({ zone: null }, undefined)).toBe(FALLBACK_ZONE);
    expect(zoneForPerson({ zone: null }, 'Mars/Olympus')).toBe(FALLBACK_ZONE);
    expect(zoneForPerson({ zone: null }, 'Asia/Kolkata')).toBe('Asia/Kolkata');
  });
});

describe('periodForSlot', () => {
  it('is the week of the person’s zone: Sunday night in New York is already Monday in Kolkata', () => {
    const slot = new Date('2026-12-07T02:00:00Z'); // Sun 21:00 in New York, Mon 07:30 in Kolkata
    expect(periodForSlot(slot, 'America/New_York', 'this_week')).toBe('2026-W49');
    expect(periodForSlot(slot, 'Asia/Kolkata', 'this_week')).toBe('2026-W50');
    expect(periodForSlot(slot, 'Asia/Kolkata', 'last_week')).toBe('2026-W49');
  });
});
