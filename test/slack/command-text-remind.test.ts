import { describe, expect, it } from 'vitest';
import { parseKpiCommand } from '../../src/slack/command-text.js';

const USAGE = {
  kind: 'usage',
  sentence:
    'Write /kpi remind to set up check-in reminders for this channel, /kpi remind list to see them, /kpi remind me monday 9:00 for your own, or /kpi remind off (on) to stop (resume) reminder DMs.',
};
const ME_USAGE = 'Write it as /kpi remind me <weekday> <time>, e.g. /kpi remind me monday 9:00 (in your own Slack time zone).';

describe('/kpi remind grammar', () => {
  it.each([
    ['remind off', { kind: 'remind-optout', off: true }],
    ['remind OFF', { kind: 'remind-optout', off: true }],
    ['Remind on', { kind: 'remind-optout', off: false }],
    ['remind', { kind: 'remind' }],
    ['remind list', { kind: 'remind-list' }],
    ['remind LIST', { kind: 'remind-list' }],
    ['remind me monday 9:00', { kind: 'remind-me', weekday: 1, time: '09:00' }],
    ['remind me Mon 09:30', { kind: 'remind-me', weekday: 1, time: '09:30' }],
    ['remind me friday 17', { kind: 'remind-me', weekday: 5, time: '17:00' }],
    ['remind me sun 5pm', { kind: 'remind-me', weekday: 7, time: '17:00' }],
    ['remind me tue 12am', { kind: 'remind-me', weekday: 2, time: '00:00' }],
    ['remind me later', { kind: 'usage', sentence: ME_USAGE }],
    ['remind me', { kind: 'usage', sentence: ME_USAGE }],
    ['remind me someday 9:00', { kind: 'usage', sentence: `“someday” is not a day of the week: ${ME_USAGE}` }],
    ['remind me mo 9:00', { kind: 'usage', sentence: `“mo” is not a day of the week: ${ME_USAGE}` }],
    ['remind me monday 25:00', { kind: 'usage', sentence: `25:00 is not a time of day: ${ME_USAGE}` }],
    ['remind me monday 9:75', { kind: 'usage', sentence: `9:75 is not a time of day: ${ME_USAGE}` }],
    ['remind sometimes', USAGE],
  ])('%s', (text, expected) => {
    expect(parseKpiCommand(text)).toEqual(expected);
  });
});
