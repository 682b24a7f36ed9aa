import { describe, expect, it } from 'vitest';
import { weekChoices } from '../../src/slack/handlers/log-value-modal.js';

// Thursday 2026-11-26: week 2026-W48.
const NOW = Date.parse('2026-11-26T12:00:00Z');
const BERLIN = { zone: 'Europe/Berlin', locale: 'en-US' };

describe('the weeks the log modal offers', () => {
  it('offers this week and the 7 before it', () => {
    expect(weekChoices(NOW, BERLIN, undefined).map((w) => w.label)).toEqual([
      '2026-W48', '2026-W47', '2026-W46', '2026-W45', '2026-W44', '2026-W43', '2026-W42', '2026-W41',
    ]);
  });

  it('adds an older requested week, labelled with its dates, instead of dropping it', () => {
    const weeks = weekChoices(NOW, BERLIN, '2026-W30');
    expect(weeks).toHaveLength(9);
    expect(weeks.at(-1)).toEqual({ label: '2026-W30', text: '2026-W30 (Jul 20–26)' });
  });

  it('does not repeat a requested week that is already offered', () => {
    expect(weekChoices(NOW, BERLIN, '2026-W47')).toHaveLength(8);
  });

  it.each(['2026-11', 'garbage', '2021-W53'])('ignores %j, which is not a week', (requested) => {
    expect(weekChoices(NOW, BERLIN, requested)).toHaveLength(8);
  });
});
