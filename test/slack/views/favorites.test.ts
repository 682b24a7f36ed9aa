import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/gtmhub/types.js';
import { parseFavoriteControlValue } from '../../../src/slack/payloads/button-values.js';
import { favoriteControlValue, favoritesListMessage, favoriteToggledText, withFavoriteState } from '../../../src/slack/views/favorites.js';
import { kpiCardBlocks } from '../../../src/slack/views/kpi-card.js';

const kpi = (groups: string[]): Kpi => ({
  id: 'k1',
  name: 'MRR',
  description: '',
  aggregation: 'sum',
  targetOperator: 'should_increase',
  formatting: { fractionSize: 0, prefix: '$', suffix: '' },
  groups,
  ownerIds: [],
});
const groupNames = new Map([
  ['g1', 'Sales'],
  ['g2', 'Finance'],
]);

describe('favorite controls updated in place', () => {
  it('flips the button of the toggled group on a card', () => {
    const blocks = kpiCardBlocks({ kpi: kpi(['g1']), groupNames, history: undefined, locale: 'en-US' });
    const after = JSON.stringify(withFavoriteState(blocks, 'g1', true));
    expect(after).toContain('★ Unfavorite group');
    expect(after).not.toContain('☆ Favorite group');
    expect(JSON.stringify(withFavoriteState(JSON.parse(after), 'g1', false))).toContain('☆ Favorite group');
  });

  it('flips only the overflow option of the toggled group', () => {
    const blocks = kpiCardBlocks({ kpi: kpi(['g1', 'g2']), groupNames, history: undefined, locale: 'en-US' });
    const after = JSON.stringify(withFavoriteState(blocks, 'g2', true));
    expect(after).toContain('★ Unfavorite Finance');
    expect(after).toContain('☆ Favorite Sales');
  });

  it('makes a card’s button ask for the opposite of the state it shows, and the button it updated too', () => {
    const value = (blocks: unknown[]): string => {
      const actions = blocks.find((b) => (b as { type: string }).type === 'actions') as { elements: Array<{ action_id: string; value?: string }> };
      return actions.elements.find((e) => e.action_id === 'kpi_toggle_favorite')!.value!;
    };
    const blocks = kpiCardBlocks({ kpi: kpi(['g1']), groupNames, history: undefined, locale: 'en-US' });
    expect(parseFavoriteControlValue(value(blocks))).toEqual({ ok: true, value: { groupId: 'g1', favorite: true } });
    const starred = kpiCardBlocks({ kpi: kpi(['g1']), groupNames, history: undefined, locale: 'en-US', favoriteGroupIds: new Set(['g1']) });
    expect(parseFavoriteControlValue(value(starred))).toEqual({ ok: true, value: { groupId: 'g1', favorite: false } });
    expect(parseFavoriteControlValue(value(withFavoriteState(blocks, 'g1', true)))).toEqual({ ok: true, value: { groupId: 'g1', favorite: false } });
  });

  it('reads a bare group id, from a message posted before controls carried a state, as a flip', () => {
    expect(parseFavoriteControlValue('5e8c27e3dcddda0da9eab365')).toEqual({ ok: true, value: { groupId: '5e8c27e3dcddda0da9eab365' } });
    expect(parseFavoriteControlValue(favoriteControlValue('g1', true))).toEqual({ ok: true, value: { groupId: 'g1', favorite: true } });
    expect(parseFavoriteControlValue('')).toMatchObject({ ok: false });
  });

  it('leaves the blocks it was given unchanged', () => {
    const blocks = kpiCardBlocks({ kpi: kpi(['g1']), groupNames, history: undefined, locale: 'en-US' });
    const before = JSON.stringify(blocks);
    withFavoriteState(blocks, 'g1', true);
    expect(JSON.stringify(blocks)).toBe(before);
  });
});

describe('favorite messages', () => {
  it('lists favorite groups with a ★ Unfavorite button each', () => {
    const message = favoritesListMessage([{ id: 'g1', name: 'Sales', kpiCount: 3 }]);
    expect(JSON.stringify(message.blocks)).toContain('★ Unfavorite');
    expect(JSON.stringify(message.blocks)).toContain('*Sales* · 3 KPIs');
  });

  it('keeps a long favorites list within 50 blocks', () => {
    const groups = Array.from({ length: 120 }, (_, i) => ({ id: `g${i}`, name: `Group ${i}`, kpiCount: 1 }));
    expect(favoritesListMessage(groups).blocks.length).toBeLessThanOrEqual(50);
  });

  it('says a favorite is kept in Slack only, and how to connect, without a personal token', () => {
    const text = favoriteToggledText('Sales', true, { kind: 'slack-only' });
    expect(text).toContain('kept in Slack only');
    expect(text).toContain('/kpi connect');
  });

  it('says Gtmhub will be updated later when the mirror failed', () => {
    expect(favoriteToggledText('Sales', false, { kind: 'will-retry', reason: 'Gtmhub had a server error.' })).toContain(
      'saved in Slack; Gtmhub will be updated when it answers',
    );
  });
});
