import { describe, expect, it } from 'vitest';
import { parseKpiCommand } from '../../src/slack/command-text.js';

describe('/kpi alert grammar', () => {
  it.each([
    ['alert', { kind: 'alert', personal: false }],
    ['Alert', { kind: 'alert', personal: false }],
    ['alert me', { kind: 'alert', personal: true }],
    ['alert ME', { kind: 'alert', personal: true }],
    ['alert list', { kind: 'alert-list' }],
    ['alert  List', { kind: 'alert-list' }],
    ['alert fatigue', { kind: 'find', query: 'alert fatigue' }],
  ])('%s', (text, expected) => {
    expect(parseKpiCommand(text)).toEqual(expected);
  });
});
