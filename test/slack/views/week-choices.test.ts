import { describe, expect, it } from 'vitest';
import { weekChoices } from '../../../src/slack/views/week-choices.js';

describe('the week select of the log modal', () => {
  it('names the recent weeks by how long ago they were, with their dates', () => {
    const choices = weekChoices({ recent: ['2026-W48', '2026-W47', '2026-W46'] }, 'en-US');
    expect(choices).toEqual([
      { label: '2026-W48', text: 'This week · 2026-W48 (Nov 23–29)' },
      { label: '2026-W47', text: 'Last week · 2026-W47 (Nov 16–22)' },
      { label: '2026-W46', text: '2 weeks ago · 2026-W46 (Nov 9–15)' },
    ]);
  });

  it('labels an older requested week with its dates, last', () => {
    const choices = weekChoices({ recent: ['2026-W48'], older: '2026-W30' }, 'en-US');
    expect(choices.at(-1)).toEqual({ label: '2026-W30', text: '2026-W30 (Jul 20–26)' });
    expect(choices).toHaveLength(2);
  });
});
