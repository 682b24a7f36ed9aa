import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/gtmhub/types.js';
import { resolveKpiRef, resolveKpiRefOrFetch } from '../../src/kpis/resolve-kpi.js';
import { buildSearchIndex } from '../../src/kpis/search.js';
import { aKpi } from './kpi-fixtures.js';

const KPIS = [
  aKpi('Churn rate'),
  aKpi('Activation time'),
  aKpi('Uptime'),
  aKpi('Monthly recurring revenue'),
  aKpi('Net Promoter Score'),
  aKpi('New signups'),
  aKpi('Revenue', { id: 'aaaaaaaaaaaaaaaaaaaaaaa1', groups: ['g-sales'] }),
  aKpi('Revenue', { id: 'aaaaaaaaaaaaaaaaaaaaaaa2', groups: ['g-ops'] }),
  aKpi('Support tickets'),
];
const index = buildSearchIndex(KPIS, new Map([['g-sales', 'Sales'], ['g-ops', 'Operations']]));

function outcome(resolution: ReturnType<typeof resolveKpiRef>): string {
  switch (resolution.kind) {
    case 'found':
      return `found ${resolution.kpi.name}`;
    case 'ambiguous':
      return `ambiguous ${resolution.candidates.map((k) => k.name).join(' | ')}`;
    case 'unknown':
      return `unknown ${resolution.closest.map((k) => k.name).join(' | ')}`.trim();
  }
}

describe('resolveKpiRef', () => {
  it.each([
    ['Churn rate', 'found Churn rate'],
    ['churn RATE', 'found Churn rate'],
    ['Chu', 'found Churn rate'],
    ['Ne', 'ambiguous Net Promoter Score | New signups'],
    ['Revenue', 'ambiguous Revenue | Revenue'],
    ['recurring', 'found Monthly recurring revenue'],
    ['ate', 'found Churn rate'],
    ['sales', 'unknown'],
    ['Churm rate', 'unknown Churn rate'],
    ['ti', 'ambiguous Activation time | Support tickets'],
  ])('for reading, resolves %j as %s', (ref, expected) => {
    expect(outcome(resolveKpiRef(index, ref))).toBe(expected);
  });

  it.each([
    ['Churn rate', 'found Churn rate'],
    ['Chu', 'found Churn rate'],
    ['Ne', 'ambiguous Net Promoter Score | New signups'],
    ['recurring', 'ambiguous Monthly recurring revenue'],
    ['ate', 'ambiguous Churn rate'],
    ['Revenue', 'ambiguous Revenue | Revenue'],
    ['ti', 'ambiguous Activation time | Support tickets | Uptime'],
  ])('for writing, picks %j only by id, exact name or unique prefix: %s', (ref, expected) => {
    expect(outcome(resolveKpiRef(index, ref, { purpose: 'write' }))).toBe(expected);
  });

  it('finds a KPI by its id, for reading and writing', () => {
    expect(resolveKpiRef(index, ' aaaaaaaaaaaaaaaaaaaaaaa2 ', { purpose: 'write' })).toEqual({ kind: 'found', kpi: KPIS[7] });
  });
});

describe('resolveKpiRefOrFetch', () => {
  const fresh = aKpi('Created a minute ago', { id: '0123456789abcdef01234567' });
  const fetchFrom = (known: Kpi[]) => {
    const asked: string[] = [];
    const fetchKpi = async (id: string): Promise<Kpi | undefined> => {
      asked.push(id);
      return known.find((k) => k.id === id);
    };
    return { asked, fetchKpi };
  };

  it('reads a KPI that is not in the catalogue yet from Gtmhub when the ref is an id', async () => {
    const { asked, fetchKpi } = fetchFrom([fresh]);
    expect(await resolveKpiRefOrFetch(index, fresh.id, fetchKpi)).toEqual({ kind: 'found', kpi: fresh });
    expect(asked).toEqual([fresh.id]);
  });

  it('says no match when Gtmhub has no KPI with that id either', async () => {
    const { fetchKpi } = fetchFrom([]);
    expect(await resolveKpiRefOrFetch(index, fresh.id, fetchKpi)).toMatchObject({ kind: 'unknown' });
  });

  it('does not ask Gtmhub for a ref that is not an id', async () => {
    const { asked, fetchKpi } = fetchFrom([fresh]);
    expect(await resolveKpiRefOrFetch(index, 'no such kpi', fetchKpi)).toMatchObject({ kind: 'unknown' });
    expect(asked).toEqual([]);
  });

  it('does not ask Gtmhub for an id the catalogue knows', async () => {
    const { asked, fetchKpi } = fetchFrom([]);
    expect(await resolveKpiRefOrFetch(index, KPIS[0]!.id, fetchKpi)).toEqual({ kind: 'found', kpi: KPIS[0] });
    expect(asked).toEqual([]);
  });
});
