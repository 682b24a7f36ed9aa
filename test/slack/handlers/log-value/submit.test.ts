import { describe, expect, it } from 'vitest';
import { validateLogModal } from '../../../../src/slack/handlers/log-value/submit.js';
import { recordingModal } from '../../../../src/slack/views/log-modal.js';
import { BlockIds } from '../../../../src/slack/ids.js';
import { aKpi } from '../../../kpis/kpi-fixtures.js';

const NPS = aKpi('Net Promoter Score');
const BY_ID = new Map([[NPS.id, NPS]]);
// Sunday 2026-11-29 20:00 UTC: already Monday of 2026-W49 in Auckland, still 2026-W48 in UTC.
const SUNDAY_NIGHT = Date.parse('2026-11-29T20:00:00Z');
const AUCKLAND = { zone: 'Pacific/Auckland', zoneKnown: true };

describe('validateLogModal', () => {
  it('accepts a KPI, a value and a week', () => {
    expect(validateLogModal({ kpiId: NPS.id, valueText: '42', period: '2026-W49' }, BY_ID, SUNDAY_NIGHT, AUCKLAND)).toEqual({
      ok: true, kpi: NPS, value: 42, rawInput: '42', period: '2026-W49',
    });
  });

  it('puts each problem next to its field', () => {
    const result = validateLogModal({ kpiId: undefined, valueText: 'abc', period: '2099-W01' }, BY_ID, SUNDAY_NIGHT, AUCKLAND);
    expect(result).toEqual({
      ok: false,
      errors: {
        [BlockIds.kpiPicker]: 'Choose the KPI to record a value for.',
        [BlockIds.value]: expect.any(String),
        [BlockIds.period]: '2099-W01 has not started yet.',
      },
    });
  });

  it('says a KPI deleted meanwhile no longer exists', () => {
    expect(validateLogModal({ kpiId: 'f'.repeat(24), valueText: '1', period: '2026-W48' }, BY_ID, SUNDAY_NIGHT, AUCKLAND)).toMatchObject({
      ok: false, errors: { [BlockIds.kpiPicker]: 'This KPI no longer exists in Gtmhub: choose another one.' },
    });
  });

  it('does not refuse the user’s current week when Slack has not told kpibot their zone yet', () => {
    const unknownZone = { zone: 'UTC', zoneKnown: false };
    expect(validateLogModal({ kpiId: NPS.id, valueText: '1', period: '2026-W49' }, BY_ID, SUNDAY_NIGHT, unknownZone)).toMatchObject({ ok: true, period: '2026-W49' });
  });
});

describe('the view while a modal submission is being recorded', () => {
  it('escapes the KPI name and the typed value', () => {
    const view = recordingModal({ kpi: aKpi('R&D <spend>'), rawInput: '<5>', period: '2026-W48' });
    expect(JSON.stringify(view.blocks)).toContain('Recording &lt;5&gt; for R&amp;D &lt;spend&gt; (2026-W48)…');
  });
});
