import { describe, expect, it } from 'vitest';
import { decodeSlackText, parseKpiCommand, tokenize } from '../../src/slack/command-text.js';

describe('tokenize', () => {
  it.each([
    ['MRR 12500', [['MRR', false], ['12500', false]]],
    ['"Net Promoter Score" 42', [['Net Promoter Score', true], ['42', false]]],
    ['“Net Promoter Score” 42', [['Net Promoter Score', true], ['42', false]]],
    ["'Net Promoter Score' 42", [['Net Promoter Score', true], ['42', false]]],
    ['‘Net Promoter Score’ 42', [['Net Promoter Score', true], ['42', false]]],
    ["Women's revenue 5", [["Women's", false], ['revenue', false], ['5', false]]],
    ["'unclosed quote 5", [["'unclosed", false], ['quote', false], ['5', false]]],
    ['"  spaced  " 5', [['spaced', true], ['5', false]]],
    ['"" 5', [['5', false]]],
  ])('splits %j', (text, expected) => {
    expect(tokenize(text)).toEqual(expected.map(([t, quoted]) => ({ text: t, quoted })));
  });
});

describe('the /kpi log grammar', () => {
  it.each([
    ['log MRR 12500', { kpiRef: 'MRR', valueText: '12500', periodText: undefined }],
    ['log Monthly recurring $1.2k last week', { kpiRef: 'Monthly recurring', valueText: '$1.2k', periodText: 'last week' }],
    ['log MRR 5 This Week', { kpiRef: 'MRR', valueText: '5', periodText: 'this week' }],
    ['log "Net Promoter Score" 42', { kpiRef: 'Net Promoter Score', valueText: '42', periodText: undefined }],
    ["log 'Net Promoter Score' 42", { kpiRef: 'Net Promoter Score', valueText: '42', periodText: undefined }],
    ['log MRR 5 2026-W47', { kpiRef: 'MRR', valueText: '5', periodText: '2026-W47' }],
    ['log MRR 5 2026W47', { kpiRef: 'MRR', valueText: '5', periodText: '2026W47' }],
    ['log MRR 5 2026-w47', { kpiRef: 'MRR', valueText: '5', periodText: '2026-w47' }],
    ['log MRR 5 W47', { kpiRef: 'MRR', valueText: '5', periodText: 'W47' }],
    ['log MRR 5 w7', { kpiRef: 'MRR', valueText: '5', periodText: 'w7' }],
    // Two tokens are a KPI and a value: a week-like value is refused later as "not a number".
    ['log MRR W47', { kpiRef: 'MRR', valueText: 'W47', periodText: undefined }],
    // A quoted week is a value, not a period.
    ['log MRR 5 "W47"', { kpiRef: 'MRR 5', valueText: 'W47', periodText: undefined }],
    // Not weeks: stay part of the KPI and value.
    ['log MRR 5 2026-11', { kpiRef: 'MRR 5', valueText: '2026-11', periodText: undefined }],
    // A space-grouped value is read as a KPI "MRR 1" with value 234, which the lookup then refuses
    // by name ("No KPI matches “MRR 1”"): the grammar cannot tell it from a name ending in a digit.
    ['log MRR 1 234', { kpiRef: 'MRR 1', valueText: '234', periodText: undefined }],
    ['log R&amp;D spend 5', { kpiRef: 'R&D spend', valueText: '5', periodText: undefined }],
  ])('reads %j', (text, expected) => {
    expect(parseKpiCommand(text)).toEqual({ kind: 'log', ...expected });
  });

  it.each(['log MRR', 'log "MRR"', 'log 5'])('asks for a KPI and a value in %j', (text) => {
    expect(parseKpiCommand(text)).toMatchObject({ kind: 'usage', sentence: expect.stringContaining('I need a KPI and a value') });
  });

  it('opens the modal for a bare /kpi log', () => {
    expect(parseKpiCommand('log')).toEqual({ kind: 'log-modal' });
  });
});

describe('text as Slack sends it', () => {
  it.each([
    ['R&amp;D', 'R&D'],
    ['&lt;spend&gt;', '<spend>'],
    ['&amp;lt;', '&lt;'],
    ['a &quot;b&quot;', 'a &quot;b&quot;'],
  ])('decodes %j as %j', (sent, typed) => {
    expect(decodeSlackText(sent)).toBe(typed);
  });

  it('searches for what the user typed, not its escaped form', () => {
    expect(parseKpiCommand('R&amp;D')).toEqual({ kind: 'find', query: 'R&D' });
  });

  it('reads a single-quoted query without its quotes', () => {
    expect(parseKpiCommand("show 'Net Promoter Score'")).toEqual({ kind: 'show', ref: 'Net Promoter Score' });
  });

  it('reads a chart length as a last word like 26w, from 4 to 52 weeks, and leaves quoted names alone', () => {
    expect(parseKpiCommand('show MRR 26w')).toEqual({ kind: 'show', ref: 'MRR', weeks: 26 });
    expect(parseKpiCommand('show "Net Promoter Score" 8W')).toEqual({ kind: 'show', ref: 'Net Promoter Score', weeks: 8 });
    expect(parseKpiCommand('show "Top 10w"')).toEqual({ kind: 'show', ref: 'Top 10w' });
    expect(parseKpiCommand('show MRR 99w')).toEqual({ kind: 'usage', sentence: 'Charts show 4 to 52 weeks, e.g. /kpi show MRR 26w.' });
    expect(parseKpiCommand('show MRR 3w')).toMatchObject({ kind: 'usage' });
  });
});
