import type { Kpi } from '../../src/gtmhub/types.js';

/** A KPI with plain defaults; ids are 24 hex digits like Gtmhub's unless given. */
export function aKpi(name: string, overrides: Partial<Kpi> = {}): Kpi {
  return {
    id: overrides.id ?? idFor(name),
    name,
    description: '',
    aggregation: 'last',
    targetOperator: 'should_increase',
    formatting: { fractionSize: 0, prefix: '', suffix: '' },
    groups: [],
    ownerIds: [],
    ...overrides,
  };
}

function idFor(name: string): string {
  let hex = '';
  for (const ch of name) hex += ch.charCodeAt(0).toString(16).padStart(2, '0');
  return hex.padEnd(24, '0').slice(0, 24);
}
