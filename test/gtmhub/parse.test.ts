/** Boundary validation of Gtmhub answers: defaults for what may be missing, errors for what may not. */
import { describe, expect, it } from 'vitest';
import {
  ResponseShapeError,
  parseKpi,
  parseKpiGroupPage,
  parseUserPage,
  parseKpiList,
  parseKpiOrNull,
  parseKpiPage,
  parseSnapshotRows,
} from '../../src/gtmhub/parse.js';

describe('parseKpi', () => {
  it('gives a KPI with only id and name the documented defaults', () => {
    expect(parseKpi({ id: 'k1', name: 'Revenue' })).toEqual({
      id: 'k1',
      name: 'Revenue',
      description: '',
      aggregation: '',
      targetOperator: '',
      formatting: { fractionSize: 0, prefix: '', suffix: '' },
      groups: [],
      ownerIds: [],
    });
  });

  it('keeps known optional fields and ignores unknown ones', () => {
    const kpi = parseKpi({ id: 'k1', name: 'R', ownerId: 'u1', dateUpdated: '2026-11-28', somethingNew: 1, insightLink: null });
    expect(kpi).toMatchObject({ ownerId: 'u1', dateUpdated: '2026-11-28', insightLink: null });
    expect(kpi).not.toHaveProperty('somethingNew');
  });

  it('reads an insight link with its settings', () => {
    const kpi = parseKpi({
      id: 'k1',
      name: 'R',
      insightLink: { fieldName: 'f', insightName: 'revenue', settings: [{ name: 'team', value: 7, dynamicValues: [{ teamId: 't', type: 'x' }] }] },
    });
    expect(kpi.insightLink).toEqual({
      fieldName: 'f',
      insightName: 'revenue',
      settings: [{ name: 'team', value: '7', dynamicValues: [{ teamId: 't', type: 'x' }] }],
    });
  });

  it('refuses a KPI without an id', () => {
    expect(() => parseKpi({ name: 'R' })).toThrow(new ResponseShapeError('id without a value (a string expected)'));
  });

  it('names the field that has the wrong type', () => {
    expect(() => parseKpi({ id: 'k', name: 'R', groups: ['g', 3] })).toThrow('groups[1] that is not a string (a number)');
    expect(() => parseKpi({ id: 'k', name: 'R', formatting: { fractionSize: '2' } })).toThrow('formatting.fractionSize');
  });

  it('returns null instead of failing when a PATCH answer is not a KPI', () => {
    expect(parseKpiOrNull({ ok: true })).toBeNull();
    expect(parseKpiOrNull(undefined)).toBeNull();
  });
});

describe('lists', () => {
  it('reads a page with its total', () => {
    expect(parseKpiPage({ items: [{ id: 'a', name: 'A' }], totalCount: 250, count: 1 })).toMatchObject({ totalCount: 250 });
  });

  it('falls back to count, then to the page itself, for the total', () => {
    expect(parseKpiPage({ items: [], count: 7 }).totalCount).toBe(7);
    expect(parseKpiPage({ items: [{ id: 'a', name: 'A' }] }).totalCount).toBe(1);
  });

  it('accepts a bare array and locates a bad item in it', () => {
    expect(parseKpiList([{ id: 'a', name: 'A' }])).toHaveLength(1);
    expect(() => parseKpiList([{ id: 'a' }])).toThrow('[0].name');
  });

  it('refuses an answer that is not a list', () => {
    expect(() => parseKpiPage({ kpis: [] })).toThrow(ResponseShapeError);
  });

  it('reads groups with their favorite flag and the total', () => {
    expect(parseKpiGroupPage({ items: [{ id: 'g1', name: 'Sales', favorite: true }, { id: 'g2', name: 'Ops' }], totalCount: 300 })).toEqual({
      items: [
        { id: 'g1', name: 'Sales', favorite: true },
        { id: 'g2', name: 'Ops' },
      ],
      totalCount: 300,
    });
  });
});

describe('parseUserPage', () => {
  it('reads users with a display name from first and last name, else the id (never a piece of the email), the id from id or _id', () => {
    const page = parseUserPage({
      items: [
        { id: 'u1', email: 'ana@example.com', firstName: 'Ana', lastName: 'Lima' },
        { _id: 'u2', email: 'bo@example.com', firstName: '', lastName: '' },
        { id: 'u3' },
      ],
      totalCount: 120,
    });
    expect(page).toEqual({
      items: [
        { id: 'u1', email: 'ana@example.com', firstName: 'Ana', lastName: 'Lima', name: 'Ana Lima' },
        { id: 'u2', email: 'bo@example.com', firstName: '', lastName: '', name: 'u2' },
        { id: 'u3', email: '', firstName: '', lastName: '', name: 'u3' },
      ],
      totalCount: 120,
    });
  });

  it('refuses a user without an id', () => {
    expect(() => parseUserPage({ items: [{ email: 'x@example.com' }] })).toThrow('items[0]._id without a value');
  });
});

describe('parseSnapshotRows', () => {
  it('reads rows and numeric-string values', () => {
    expect(parseSnapshotRows({ items: [{ kpiId: 'k', group: '2026-W48', value: '12.5', timeZone: 'UTC+3' }], totalCount: 1 })).toEqual([
      { kpiId: 'k', group: '2026-W48', value: 12.5, timeZone: 'UTC+3' },
    ]);
  });

  it('drops rows without a value', () => {
    expect(parseSnapshotRows([{ kpiId: 'k', group: '2026-W48', value: null }])).toEqual([]);
  });

  it('refuses a value that is not a number', () => {
    expect(() => parseSnapshotRows({ items: [{ kpiId: 'k', group: '2026-W48', value: 'lots' }] })).toThrow('items[0].value');
  });
});
