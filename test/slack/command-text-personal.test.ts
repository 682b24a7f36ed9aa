import { describe, expect, it } from 'vitest';
import { parseKpiCommand } from '../../src/slack/command-text.js';

describe('the /kpi grammar for favorites and personal tokens', () => {
  it.each([
    ['fav', { kind: 'favorites' }],
    ['favorites', { kind: 'favorites' }],
    ['FAV', { kind: 'favorites' }],
    ['fav sales', { kind: 'favorite-toggle', group: 'sales' }],
    ['favorite "Customer Success"', { kind: 'favorite-toggle', group: 'Customer Success' }],
    ['fav Customer Success', { kind: 'favorite-toggle', group: 'Customer Success' }],
    ['connect', { kind: 'connect' }],
    ['disconnect', { kind: 'disconnect' }],
  ])('reads “%s”', (text, expected) => {
    expect(parseKpiCommand(text)).toEqual(expected);
  });

  it('still searches KPIs whose name starts with connect', () => {
    expect(parseKpiCommand('connect rate')).toEqual({ kind: 'find', query: 'connect rate' });
  });
});
