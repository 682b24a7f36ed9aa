import { describe, expect, it } from 'vitest';
import { buildSearchIndex, normalizeText } from '../../src/kpis/search.js';

const kpi = (id: string, name: string, groups: string[] = []) => ({ id, name, groups });

const groupNames = new Map([
  ['g-sales', 'Sales'],
  ['g-fin', 'Finance & Ops'],
  ['g-mkt', 'Marketing Européen'],
]);

const kpis = [
  kpi('k1', 'Revenue', ['g-fin']),
  kpi('k2', 'Revenue EU'),
  kpi('k3', 'Monthly revenue'),
  kpi('k4', 'Prerevenue pipeline'),
  kpi('k5', 'Café revenue'),
  kpi('k6', 'Churn', ['g-sales']),
  kpi('k7', 'Leads', ['g-mkt']),
  kpi('k8', 'Net Promoter Score'),
  kpi('k9', 'New sales calls'),
  kpi('5e8c27e3dcdddaa4addbdee8', 'Wholesales margin'),
];
const index = buildSearchIndex(kpis, groupNames);
const found = (query: string, limit?: number) =>
  index.search(query, limit).matches.map((m) => `${m.kpi.name}|${m.rank}|${m.matchedOn}`);

describe('normalizeText', () => {
  it.each([
    ['Café', 'cafe'],
    ['  Net   Promoter\tScore ', 'net promoter score'],
    ['ÉLAN Vital', 'elan vital'],
    ['ﬁnance', 'finance'],
    ['Zürich Ümsatz', 'zurich umsatz'],
  ])('normalises %j to %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });
});

describe('search', () => {
  it('ranks exact, then prefix, then word start, then substring, alphabetical within a rank', () => {
    expect(found('revenue')).toEqual([
      'Revenue|exact|name',
      'Revenue EU|prefix|name',
      'Café revenue|word|name',
      'Monthly revenue|word|name',
      'Prerevenue pipeline|substring|name',
    ]);
  });

  it('puts a name match before a group match of the same rank', () => {
    expect(found('sales')).toEqual(['Churn|exact|group', 'New sales calls|word|name', 'Wholesales margin|substring|name']);
  });

  it('finds a KPI by a word of its group name', () => {
    expect(found('ops')).toEqual(['Revenue|word|group']);
  });

  it('ignores case and accents in the query and in names', () => {
    expect(found('CAFE')).toEqual(['Café revenue|prefix|name']);
    expect(found('européen')).toEqual(['Leads|word|group']);
    expect(found('europeen')).toEqual(['Leads|word|group']);
  });

  it('finds a KPI by its exact id', () => {
    expect(found('5e8c27e3dcdddaa4addbdee8')).toEqual(['Wholesales margin|exact|id']);
  });

  it('matches names containing every word of a query not found as a whole', () => {
    expect(found('promoter net')).toEqual(['Net Promoter Score|substring|name']);
  });

  it('keeps at most `limit` matches and counts them all', () => {
    expect(index.search('revenue', 2)).toMatchObject({ total: 5, matches: [{ kpi: { id: 'k1' } }, { kpi: { id: 'k2' } }] });
  });

  it('lists every KPI alphabetically for an empty query', () => {
    const result = index.search('  ', 3);
    expect([result.total, result.matches.map((m) => m.kpi.name)]).toEqual([10, ['Café revenue', 'Churn', 'Leads']]);
  });

  it('finds nothing for a query no name or group contains', () => {
    expect(index.search('xyzzy')).toEqual({ matches: [], total: 0 });
  });

  it('sorts numbers in names by value', () => {
    const numbered = buildSearchIndex([kpi('a', 'Region 10'), kpi('b', 'Region 2'), kpi('c', 'Region 1')], new Map());
    expect(numbered.search('region').matches.map((m) => m.kpi.name)).toEqual(['Region 1', 'Region 2', 'Region 10']);
  });

  it('ignores group ids without a known name', () => {
    const orphan = buildSearchIndex([kpi('a', 'Churn', ['g-unknown'])], new Map());
    expect(orphan.search('g-unknown')).toEqual({ matches: [], total: 0 });
  });
});

describe('closest', () => {
  it.each([
    ['revnue', ['Revenue', 'Revenue EU', 'Café revenue']],
    ['chrun', ['Churn']],
    ['net promotor', ['Net Promoter Score']],
    ['mothly revenue', ['Monthly revenue']],
  ])('suggests for %j: %j', (query, names) => {
    expect(index.closest(query).map((k) => k.name)).toEqual(names);
  });

  it('suggests nothing when no name is close', () => {
    expect(index.closest('quarterly headcount')).toEqual([]);
  });

  it('suggests nothing for a query too short to judge', () => {
    expect(index.closest('rx')).toEqual([]);
  });

  it('gives at most n suggestions', () => {
    expect(index.closest('revnue', 1).map((k) => k.name)).toEqual(['Revenue']);
  });
});

describe('byId', () => {
  it('gives the KPI with that id, or undefined', () => {
    expect([index.byId('k6')?.name, index.byId('nope')]).toEqual(['Churn', undefined]);
  });
});

describe('a catalogue of 20,000 KPIs', () => {
  const big = buildSearchIndex(
    Array.from({ length: 20_000 }, (_, i) => kpi(`id${i}`, `KPI ${i} ${i % 7 === 0 ? 'Revenue' : 'Cost'} région ${i % 13}`, ['g-sales'])),
    groupNames,
  );

  it('counts every match and returns the first ones in order', () => {
    const result = big.search('revenue', 3);
    expect([result.total, result.matches.map((m) => m.kpi.name)]).toEqual([
      2858,
      ['KPI 0 Revenue région 0', 'KPI 7 Revenue région 7', 'KPI 14 Revenue région 1'],
    ]);
  });

  it('finds close names among all of them', () => {
    expect(big.closest('kpi 19998 cots', 1).map((k) => k.id)).toEqual(['id19998']);
  });
});
