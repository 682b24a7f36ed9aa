import { describe, expect, it } from 'vitest';
import { parseDigestSelection } from '../../src/parsing/digest-selection.js';

describe('a digest selection read back from the database', () => {
  it.each([
    [{ kind: 'kpis', kpiIds: ['k1', 'k2'] }],
    [{ kind: 'groups', groupIds: ['g1'] }],
    [{ kind: 'favorites' }],
  ])('reads back %j as it was written', (selection) => {
    expect(parseDigestSelection(JSON.stringify(selection))).toEqual({ ok: true, value: selection });
  });

  it.each([
    ['not JSON', '{kind'],
    ['an unknown kind', '{"kind":"everything"}'],
    ['KPI ids that are not a list', '{"kind":"kpis","kpiIds":"k1"}'],
    ['a KPI id that is not text', '{"kind":"kpis","kpiIds":["k1",2]}'],
    ['groups without ids', '{"kind":"groups"}'],
    ['null', 'null'],
    ['not text', 17],
  ])('is an error for %s', (_what, text) => {
    expect(parseDigestSelection(text)).toMatchObject({ ok: false });
  });
});
