import { describe, expect, it } from 'vitest';
import { parseKpiCommand } from '../../src/slack/command-text.js';

describe('the /kpi grammar of KPI administration and insights', () => {
  it('reads a bare /kpi new as creating a KPI', () => {
    expect(parseKpiCommand('new')).toEqual({ kind: 'new-kpi' });
    expect(parseKpiCommand('  NEW ')).toEqual({ kind: 'new-kpi' });
  });

  it('still finds KPIs whose name starts with "new"', () => {
    expect(parseKpiCommand('new signups')).toEqual({ kind: 'find', query: 'new signups' });
  });

  it('reads /kpi insight <id>, quoted or not', () => {
    expect(parseKpiCommand('insight weekly-revenue')).toEqual({ kind: 'insight', insightId: 'weekly-revenue' });
    expect(parseKpiCommand('insight “weekly-revenue”')).toEqual({ kind: 'insight', insightId: 'weekly-revenue' });
  });

  it('asks for the insight id when it is missing', () => {
    expect(parseKpiCommand('insight')).toMatchObject({ kind: 'usage' });
  });
});
