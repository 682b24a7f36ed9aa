import { describe, expect, it } from 'vitest';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import { readPeriodValue, readPeriodValues, withoutValueIn } from '../../src/kpis/period-values.js';

function sourceOf(rows: KpiSnapshot[]) {
  const queries: SnapshotQuery[] = [];
  return {
    queries,
    getKpiSnapshots(query: SnapshotQuery) {
      queries.push(query);
      return Promise.resolve(rows);
    },
  };
}

describe('readPeriodValues', () => {
  it('reads every KPI and week in one call spanning the weeks, keeping only the weeks asked for', async () => {
    const source = sourceOf([
      { kpiId: 'a', group: '2026-W47', value: 1 },
      { kpiId: 'a', group: '2026-W48', value: 2 },
      { kpiId: 'b', group: '2026-W48', value: 3 },
      { kpiId: 'b', group: '2026-W46', value: 9 },
    ]);
    const values = await readPeriodValues(source, ['a', 'b', 'a'], ['2026-W48', '2026-W47'], 'UTC+1');
    expect(source.queries).toEqual([{ ids: ['a', 'b'], timeZone: 'UTC+1', groupBy: 'week', from: '2026-11-16', to: '2026-11-29' }]);
    expect(values.get('a')).toEqual(new Map([['2026-W47', 1], ['2026-W48', 2]]));
    expect(values.get('b')).toEqual(new Map([['2026-W48', 3]]));
  });

  it('asks Gtmhub nothing for no KPIs', async () => {
    const source = sourceOf([]);
    expect(await readPeriodValues(source, [], ['2026-W48'], 'UTC')).toEqual(new Map());
    expect(source.queries).toEqual([]);
  });

  it('reads one KPI’s week, undefined when it has no value', async () => {
    const source = sourceOf([{ kpiId: 'a', group: '2026-W48', value: 2 }]);
    expect(await readPeriodValue(source, 'a', '2026-W48', 'UTC')).toBe(2);
    expect(await readPeriodValue(source, 'a', '2026-W47', 'UTC')).toBeUndefined();
  });
});

describe('withoutValueIn', () => {
  it('keeps, in order, the KPIs with no value in the week', () => {
    const values = new Map([['b', new Map([['2026-W48', 3]])], ['c', new Map([['2026-W47', 1]])]]);
    expect(withoutValueIn([{ id: 'a' }, { id: 'b' }, { id: 'c' }], values, '2026-W48')).toEqual([{ id: 'a' }, { id: 'c' }]);
  });
});
