import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { fixedZoneOf, gtmhubOffset, isUsableZone, isValidZone } from '../../src/time/zones.js';
import { gtmhubOffsetFromMinutes, isValidGtmhubOffset, parseGtmhubOffset } from '../../src/gtmhub/offsets.js';
import { TimeZoneFormatError } from '../../src/gtmhub/offsets.js';

const JANUARY = new Date('2026-01-15T12:00:00Z');
const JULY = new Date('2026-07-15T12:00:00Z');

describe('isValidZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['Mars/Base', false],
    ['UTC+3', false],
    ['', false],
  ])('says %s is an IANA zone: %s', (zone, valid) => {
    expect(isValidZone(zone)).toBe(valid);
  });
});

describe('isUsableZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC+5:30', true],
    ['UTC+99', false],
    ['GMT+3', false],
  ])('says the time helpers accept %s: %s', (zone, usable) => {
    expect(isUsableZone(zone)).toBe(usable);
  });
});

describe('gtmhubOffset', () => {
  it.each([
    ['Asia/Kolkata', JANUARY, 'UTC+5:30'],
    ['Pacific/Chatham', JANUARY, 'UTC+13:45'],
    ['Pacific/Chatham', JULY, 'UTC+12:45'],
    ['America/New_York', JANUARY, 'UTC-5'],
    ['America/New_York', JULY, 'UTC-4'],
    ['Europe/Moscow', JULY, 'UTC+3'],
    ['America/St_Johns', JANUARY, 'UTC-3:30'],
    ['Pacific/Marquesas', JANUARY, 'UTC-9:30'],
    ['Pacific/Kiritimati', JANUARY, 'UTC+14'],
    ['UTC', JULY, 'UTC+0'],
    ['UTC+5:30', JULY, 'UTC+5:30'],
  ])('writes the offset of %s at %s as %s', (zone, instant, offset) => {
    expect(gtmhubOffset(zone, instant)).toBe(offset);
  });

  it('changes within a day at the DST switch (New York, 2026-03-08 at 2:00)', () => {
    const before = DateTime.fromISO('2026-03-08T06:59:00Z');
    const after = DateTime.fromISO('2026-03-08T07:01:00Z');
    expect([gtmhubOffset('America/New_York', before), gtmhubOffset('America/New_York', after)]).toEqual(['UTC-5', 'UTC-4']);
  });

  it('refuses an unknown zone', () => {
    expect(() => gtmhubOffset('Mars/Base', JULY)).toThrow(TimeZoneFormatError);
  });
});

describe('gtmhubOffsetFromMinutes', () => {
  it.each([
    [180, 'UTC+3'],
    [-120, 'UTC-2'],
    [330, 'UTC+5:30'],
    [765, 'UTC+12:45'],
    [-570, 'UTC-9:30'],
    [-30, 'UTC-0:30'],
    [0, 'UTC+0'],
    [-720, 'UTC-12'],
    [840, 'UTC+14'],
  ])('writes %i minutes as %s', (minutes, offset) => {
    expect(gtmhubOffsetFromMinutes(minutes)).toBe(offset);
  });

  it.each([841, -721, 12.5, Number.NaN])('refuses %s minutes', (minutes) => {
    expect(() => gtmhubOffsetFromMinutes(minutes)).toThrow(TimeZoneFormatError);
  });
});

describe('parseGtmhubOffset', () => {
  it.each([
    ['UTC+3', 180],
    ['UTC-2', -120],
    ['UTC+5:30', 330],
    ['UTC+12:45', 765],
    ['UTC-9:30', -570],
    ['UTC+0', 0],
    ['UTC-0', 0],
    ['UTC+03', 180],
    ['UTC+14', 840],
    ['UTC-12', -720],
    ['UTC+5:00', 300],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseGtmhubOffset(text)).toBe(minutes);
  });

  it.each([
    ['UTC+99', '"UTC+99" is not a UTC offset: offsets run from UTC-12 to UTC+14.'],
    ['UTC+15', '"UTC+15" is not a UTC offset: offsets run from UTC-12 to UTC+14.'],
    ['UTC-13', '"UTC-13" is not a UTC offset: offsets run from UTC-12 to UTC+14.'],
    ['UTC+14:30', '"UTC+14:30" is not a UTC offset: offsets run from UTC-12 to UTC+14.'],
    ['UTC+5:99', '"UTC+5:99" is not a UTC offset: the minutes must be between 00 and 59.'],
    ['UTC+3:7', '"UTC+3:7" is not a UTC offset: write the minutes with two digits, like UTC+5:30.'],
    ['GMT+3', '"GMT+3" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.'],
    ['UTC', '"UTC" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.'],
    ['utc+3', '"utc+3" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.'],
    ['UTC+3 ', '"UTC+3 " is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.'],
    ['Europe/Berlin', '"Europe/Berlin" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.'],
    ['', 'The UTC offset is empty: write it like UTC+3, UTC-2 or UTC+5:30.'],
  ])('refuses %j with one clear sentence', (text, message) => {
    expect(() => parseGtmhubOffset(text)).toThrow(new TimeZoneFormatError(text, message));
  });

  it('gives its errors a code', () => {
    expect(() => parseGtmhubOffset('UTC+99')).toThrow(expect.objectContaining({ code: 'time_zone_format' }));
  });

  it.each([
    ['UTC+5:30', true],
    ['UTC+5:99', false],
  ])('isValidGtmhubOffset(%s) is %s', (text, valid) => {
    expect(isValidGtmhubOffset(text)).toBe(valid);
  });
});

describe('fixedZoneOf', () => {
  it.each([
    ['UTC+5:30', 'UTC+5:30'],
    ['UTC+05:30', 'UTC+5:30'],
    ['UTC-0', 'UTC+0'],
  ])('turns %s into the luxon zone %s', (offset, zone) => {
    expect(fixedZoneOf(offset)).toBe(zone);
  });

  it('gives a zone luxon places at the offset', () => {
    expect(DateTime.fromISO('2026-01-01T00:00:00Z').setZone(fixedZoneOf('UTC-9:30')).toISO()).toBe('2025-12-31T14:30:00.000-09:30');
  });

  it('refuses nonsense', () => {
    expect(() => fixedZoneOf('UTC+5:99')).toThrow(TimeZoneFormatError);
  });
});
