import { describe, expect, it } from 'vitest';
import { parseKpiCommand } from '../../src/slack/command-text.js';

const USAGE = { kind: 'usage', sentence: 'Write /kpi remind off to stop check-in reminder DMs, or /kpi remind on to get them again.' };

describe('/kpi remind grammar', () => {
  it.each([
    ['remind off', { kind: 'remind-optout', off: true }],
    ['remind OFF', { kind: 'remind-optout', off: true }],
    ['Remind on', { kind: 'remind-optout', off: false }],
    ['remind', USAGE],
    ['remind me later', USAGE],
  ])('%s', (text, expected) => {
    expect(parseKpiCommand(text)).toEqual(expected);
  });
});
