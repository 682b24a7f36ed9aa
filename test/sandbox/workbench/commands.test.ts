import { describe, expect, it } from 'vitest';
import { parseWorkbenchLine, resolveRoute } from '../../../src/sandbox/workbench/commands.js';

describe('workbench commands', () => {
  it('reads a Gtmhub fault whose route has a space, with several effects', () => {
    expect(parseWorkbenchLine('gtmhub fault GET /v1/kpi-snapshots 503 latency=200 times=2')).toEqual({
      kind: 'fault',
      target: 'GET /v1/kpi-snapshots',
      fault: { status: 503, latencyMs: 200, times: 2 },
    });
  });

  it('reads a value written into Gtmhub for a KPI whose name has spaces, and due', () => {
    expect(parseWorkbenchLine('gtmhub snapshot Churn rate 3.5%')).toEqual({ kind: 'snapshot', kpi: 'Churn rate', value: '3.5%' });
    expect(() => parseWorkbenchLine('gtmhub snapshot 12')).toThrow('Give a KPI and a value');
    expect(parseWorkbenchLine('due')).toEqual({ kind: 'due', offsetMs: 0 });
    expect(parseWorkbenchLine('due +1h')).toEqual({ kind: 'due', offsetMs: 3_600_000 });
  });

  it('finds the route of a concrete request path', () => {
    expect(resolveRoute('POST /v1/kpis/5e8c27e3dcdddaa4addbdee8/snapshots')).toBe('POST /v1/kpis/:id/snapshots');
  });

  it('refuses a word that is not a command, saying where the list is', () => {
    expect(() => parseWorkbenchLine('frobnicate')).toThrow(/not a workbench command; type help/);
  });
});

describe('workbench step command', () => {
  it('reads the step and its inputs, quoted values with their spaces', () => {
    expect(parseWorkbenchLine(`step log_kpi_value kpi="Churn rate" value=2.5% period='last week' user=U0KOLKATA`)).toEqual({
      kind: 'step',
      callbackId: 'log_kpi_value',
      inputs: { kpi: 'Churn rate', value: '2.5%', period: 'last week', user: 'U0KOLKATA' },
    });
    expect(parseWorkbenchLine('step list_kpis_not_updated group=Sales')).toEqual({ kind: 'step', callbackId: 'list_kpis_not_updated', inputs: { group: 'Sales' } });
  });

  it('refuses a step without a name, and a word that is not name=value', () => {
    expect(() => parseWorkbenchLine('step')).toThrow(/Say which step and its inputs/);
    expect(() => parseWorkbenchLine('step log_kpi_value Churn')).toThrow(/"Churn" is not an input: write name=value/);
  });
});
