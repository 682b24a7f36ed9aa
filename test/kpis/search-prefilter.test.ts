/**
 * The search looks only at trigram candidates (the names holding the query's rarest trigram, each
 * word's, the members of matching groups). That must never change a result: for any catalogue and
 * any query, the matches, their order and the total equal those of checking every KPI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type Searchable } from '../../src/kpis/search.js';

// A small alphabet, so that random names and queries share trigrams and words often.
const letter = fc.constantFrom('a', 'b', 'c', 'e', 'r', 'v', 'n', 'u', ' ', ' ', 'é', 'E', '2', '1', '-');
const text = (max: number) => fc.string({ unit: letter, minLength: 0, maxLength: max });

const catalogue = fc.record({
  groups: fc.array(text(8), { maxLength: 6 }),
  kpis: fc.array(fc.record({ name: text(14), groups: fc.array(fc.nat(7), { maxLength: 3 }) }), { maxLength: 60 }),
});

function build(input: { groups: string[]; kpis: Array<{ name: string; groups: number[] }> }, scanEverything: boolean) {
  const groupNames = new Map(input.groups.map((name, i) => [`g${i}`, name]));
  const kpis: Searchable[] = input.kpis.map((k, i) => ({ id: `k${i}`, name: k.name, groups: k.groups.map((g) => `g${g}`) }));
  return buildSearchIndex(kpis, groupNames, { scanEverything });
}

const shown = (result: ReturnType<ReturnType<typeof build>['search']>) => ({
  total: result.total,
  matches: result.matches.map((m) => `${m.kpi.id}|${m.rank}|${m.matchedOn}`),
});

describe('the trigram prefilter of search', () => {
  it('finds exactly what checking every KPI finds, in the same order, for random catalogues and queries', () => {
    fc.assert(
      fc.property(catalogue, fc.array(text(9), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 30 }), (input, queries, limit) => {
        const fast = build(input, false);
        const reference = build(input, true);
        for (const query of queries) expect(shown(fast.search(query, limit))).toEqual(shown(reference.search(query, limit)));
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });

  it('also for queries cut from the KPI and group names themselves (prefixes, middles, several words)', () => {
    fc.assert(
      fc.property(catalogue, fc.nat(), fc.nat(), fc.nat(), (input, pick, from, length) => {
        const names = [...input.kpis.map((k) => k.name), ...input.groups];
        if (names.length === 0) return;
        const name = names[pick % names.length]!;
        const start = from % (name.length + 1);
        const query = name.slice(start, start + (length % 12));
        const fast = build(input, false);
        const reference = build(input, true);
        expect(shown(fast.search(query, 50))).toEqual(shown(reference.search(query, 50)));
      }),
      { numRuns: 1_000, seed: 4 },
    );
  });

  it('finds the same in a 20,000-name catalogue of look-alike names, rare and common queries alike', () => {
    const kpis: Searchable[] = Array.from({ length: 20_000 }, (_, i) => ({ id: `k${i}`, name: `Metric ${i} of region ${i % 40}`, groups: [] }));
    kpis.push({ id: 'rare', name: 'Quixotic zebra count', groups: [] });
    const index = buildSearchIndex(kpis, new Map());
    const result = index.search('zebra');
    expect(result.total).toBe(1);
    expect(result.matches[0]!.kpi.id).toBe('rare');
    const reference = buildSearchIndex(kpis, new Map(), { scanEverything: true });
    for (const query of ['region 7', 'metric 12', '19999', 'of reg', 'c 1 of']) expect(shown(index.search(query, 25))).toEqual(shown(reference.search(query, 25)));
  });
});
