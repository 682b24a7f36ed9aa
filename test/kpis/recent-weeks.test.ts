import { describe, expect, it } from 'vitest';
import { loggableWeeks } from '../../src/kpis/recent-weeks.js';

// Thursday 2026-11-26: week 2026-W48.
const NOW = Date.parse('2026-11-26T12:00:00Z');
const BERLIN = 'Europe/Berlin';

describe('the weeks a value can be logged for', () => {
  it('are this week and the 7 before it, newest first', () => {
    expect(loggableWeeks(NOW, BERLIN).recent).toEqual(['2026-W48', '2026-W47', '2026-W46', '2026-W45', '2026-W44', '2026-W43', '2026-W42', '2026-W41']);
  });

  it('are counted in the user’s zone: Sunday night in UTC is already Monday in Tokyo', () => {
    const sundayLate = Date.parse('2026-11-29T20:00:00Z');
    expect(loggableWeeks(sundayLate, 'UTC').recent[0]).toBe('2026-W48');
    expect(loggableWeeks(sundayLate, 'Asia/Tokyo').recent[0]).toBe('2026-W49');
  });

  it('add an older requested week instead of dropping it', () => {
    expect(loggableWeeks(NOW, BERLIN, '2026-W30')).toEqual({ recent: expect.any(Array), older: '2026-W30' });
  });

  it('do not repeat a requested week that is already recent', () => {
    expect(loggableWeeks(NOW, BERLIN, '2026-W47').older).toBeUndefined();
  });

  it.each(['2026-11', 'garbage', '2021-W53'])('ignore %j, which is not a week', (requested) => {
    expect(loggableWeeks(NOW, BERLIN, requested)).toEqual({ recent: expect.any(Array) });
  });
});
