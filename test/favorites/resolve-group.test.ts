import { describe, expect, it } from 'vitest';
import { resolveGroupRef, searchGroups } from '../../src/favorites/resolve-group.js';

const groups = [
  { id: 'g1', name: 'Sales' },
  { id: 'g2', name: 'Sales Ops' },
  { id: 'g3', name: 'Finance' },
  { id: 'g4', name: 'Développement' },
  { id: 'g5', name: 'Marketing EMEA' },
  { id: 'g6', name: 'Marketing US' },
];

describe('resolveGroupRef', () => {
  it('finds a group by its exact name even when another starts with it', () => {
    expect(resolveGroupRef(groups, 'sales')).toEqual({ kind: 'found', group: { id: 'g1', name: 'Sales' } });
  });

  it('finds a group by a unique prefix', () => {
    expect(resolveGroupRef(groups, 'fin')).toMatchObject({ kind: 'found', group: { id: 'g3' } });
  });

  it('ignores case and accents', () => {
    expect(resolveGroupRef(groups, 'DEVELOPPEMENT')).toMatchObject({ kind: 'found', group: { id: 'g4' } });
  });

  it('finds a group by its id', () => {
    expect(resolveGroupRef(groups, 'g6')).toMatchObject({ kind: 'found', group: { name: 'Marketing US' } });
  });

  it('lists the groups an ambiguous prefix could mean', () => {
    const result = resolveGroupRef(groups, 'market');
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.candidates.map((g) => g.id).sort()).toEqual(['g5', 'g6']);
  });

  it('offers the closest names for an unknown group', () => {
    const result = resolveGroupRef(groups, 'Finanse');
    expect(result).toMatchObject({ kind: 'unknown', closest: [{ id: 'g3' }] });
  });
});

describe('searchGroups', () => {
  it('offers every group by name when nothing was typed', () => {
    expect(searchGroups(groups, '', 100).map((g) => g.name)).toEqual(['Développement', 'Finance', 'Marketing EMEA', 'Marketing US', 'Sales', 'Sales Ops']);
  });

  it('offers the groups matching what was typed, ignoring case and accents, best first', () => {
    expect(searchGroups(groups, 'DEVEL', 100)).toEqual([{ id: 'g4', name: 'Développement' }]);
    expect(searchGroups(groups, 'us', 100).map((g) => g.id)).toEqual(['g6']);
  });

  it('offers at most the number asked for', () => {
    expect(searchGroups(groups, 'marketing', 1)).toHaveLength(1);
  });
});
