import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/gtmhub/types.js';
import {
  emptyFormValues,
  fingerprintsOf,
  formValuesOf,
  ownerMappingFrom,
  planCreate,
  planUpdate,
  type KpiFormValues,
} from '../../src/kpis/kpi-form.js';
import { KpiFormInputIds } from '../../src/slack/ids.js';
import { kpiFormModal } from '../../src/slack/views/kpi-form.js';

const noOwners = ownerMappingFrom(new Map());
const mapped = ownerMappingFrom(new Map([['U0ADA', '5e8ed44adcddda0da9eab365']]));

function filled(overrides: Partial<KpiFormValues> = {}): KpiFormValues {
  return { ...emptyFormValues(), name: 'Trial signups', aggregation: 'sum', targetOperator: 'should_increase', ...overrides };
}

const kpi: Kpi = {
  id: 'k1',
  name: 'Churn rate',
  description: 'Share of paying accounts that cancelled.',
  aggregation: 'average',
  targetOperator: 'should_decrease',
  formatting: { fractionSize: 1, prefix: '', suffix: '%' },
  groups: ['g-cs', 'g-fin'],
  ownerId: '5e8ed44adcddda0da9eab365',
  ownerIds: ['5e8ed44adcddda0da9eab365', 'u-other'],
};

describe('creating a KPI from the form', () => {
  it('sends the required fields, the formatting, and nothing for empty optional fields', () => {
    expect(planCreate(filled(), noOwners)).toEqual({
      ok: true,
      request: { name: 'Trial signups', aggregation: 'sum', targetOperator: 'should_increase', formatting: { fractionSize: 0, prefix: '', suffix: '' } },
    });
  });

  it('sends description, groups and owners when given, the first owner as ownerId', () => {
    const plan = planCreate(
      filled({ name: '  Trial signups ', description: ' From the website. ', groupIds: ['g2', 'g1', 'g2'], ownerSlackUserIds: ['U0ADA'], ownerIdsText: 'u-two, u-three' }),
      mapped,
    );
    expect(plan).toMatchObject({
      ok: true,
      request: {
        name: 'Trial signups',
        description: 'From the website.',
        groups: ['g2', 'g1'],
        ownerId: '5e8ed44adcddda0da9eab365',
        ownerIds: ['5e8ed44adcddda0da9eab365', 'u-two', 'u-three'],
      },
    });
  });

  it('keeps the space in a suffix such as " months"', () => {
    const plan = planCreate(filled({ suffix: ' months', fractionSize: '1' }), noOwners);
    expect(plan.ok && plan.request.formatting).toEqual({ fractionSize: 1, prefix: '', suffix: ' months' });
  });

  it('puts each mistake next to its input and plans no request', () => {
    const plan = planCreate(
      { ...emptyFormValues(), aggregation: 'median', fractionSize: '11', prefix: 'x'.repeat(17), ownerIdsText: 'not an id!' },
      noOwners,
    );
    expect(plan.ok).toBe(false);
    expect(!plan.ok && Object.keys(plan.errors).sort()).toEqual(['aggregation', 'fractionSize', 'name', 'ownerIdsText', 'prefix', 'targetOperator']);
  });

  it('refuses a name longer than 200 characters', () => {
    const plan = planCreate(filled({ name: 'n'.repeat(201) }), noOwners);
    expect(!plan.ok && plan.errors.name).toMatch(/under 201 characters/);
  });

  it.each(['-1', '2.5', 'two', '10.0'])('refuses %s decimals', (fractionSize) => {
    const plan = planCreate(filled({ fractionSize }), noOwners);
    expect(!plan.ok && plan.errors.fractionSize).toBe('Decimals must be a whole number from 0 to 10.');
  });

  it('says so when a chosen Slack user has no known Gtmhub user', () => {
    const plan = planCreate(filled({ ownerSlackUserIds: ['U0NOBODY'] }), mapped);
    expect(!plan.ok && plan.errors.ownerSlackUserIds).toMatch(/type their Gtmhub user id below/);
  });
});

describe('editing a KPI from the form', () => {
  const shownValues = formValuesOf(kpi, mapped);
  const shown = fingerprintsOf(shownValues, mapped);

  it('fills the form with the KPI, known owners as Slack users and the others as ids', () => {
    expect(shownValues).toMatchObject({
      name: 'Churn rate',
      fractionSize: '1',
      suffix: '%',
      groupIds: ['g-cs', 'g-fin'],
      ownerSlackUserIds: ['U0ADA'],
      ownerIdsText: 'u-other',
    });
  });

  it('sends nothing when nothing changed', () => {
    expect(planUpdate(shownValues, shown, mapped)).toEqual({ ok: true, request: {}, changed: [] });
  });

  it('sends only the changed name', () => {
    expect(planUpdate({ ...shownValues, name: 'Logo churn' }, shown, mapped)).toEqual({ ok: true, request: { name: 'Logo churn' }, changed: ['name'] });
  });

  it('sends the whole formatting when one part of it changed', () => {
    const plan = planUpdate({ ...shownValues, fractionSize: '2' }, shown, mapped);
    expect(plan).toEqual({ ok: true, request: { formatting: { fractionSize: 2, prefix: '', suffix: '%' } }, changed: ['formatting'] });
  });

  it('treats groups chosen in another order as unchanged', () => {
    expect(planUpdate({ ...shownValues, groupIds: ['g-fin', 'g-cs'] }, shown, mapped)).toMatchObject({ changed: [] });
  });

  it('leaves the groups alone when the form had no groups input', () => {
    expect(planUpdate({ ...shownValues, groupIds: undefined }, shown, mapped)).toMatchObject({ changed: [] });
  });

  it('sends the owners when one is added, keeping the existing ones', () => {
    const plan = planUpdate({ ...shownValues, ownerIdsText: 'u-other, u-new' }, shown, mapped);
    expect(plan).toEqual({
      ok: true,
      request: { ownerId: '5e8ed44adcddda0da9eab365', ownerIds: ['5e8ed44adcddda0da9eab365', 'u-other', 'u-new'] },
      changed: ['owners'],
    });
  });

  it('refuses to remove every owner', () => {
    const plan = planUpdate({ ...shownValues, ownerSlackUserIds: [], ownerIdsText: '' }, shown, mapped);
    expect(!plan.ok && plan.errors.ownerIdsText).toMatch(/at least one owner/);
  });

  it('keeps an aggregation kpibot does not know when the user leaves it alone', () => {
    const odd = { ...kpi, aggregation: 'median' };
    const values = formValuesOf(odd, mapped);
    expect(planUpdate({ ...values, name: 'Median churn' }, fingerprintsOf(values, mapped), mapped)).toEqual({
      ok: true,
      request: { name: 'Median churn' },
      changed: ['name'],
    });
  });

  it('checks a changed field as a new KPI’s would be checked', () => {
    const plan = planUpdate({ ...shownValues, name: '   ' }, shown, mapped);
    expect(!plan.ok && plan.errors).toEqual({ name: 'Give the KPI a name.' });
  });
});

describe('the owners inputs of the form', () => {
  const formWith = (owners: typeof mapped) =>
    JSON.stringify(kpiFormModal({ mode: 'create', values: emptyFormValues(), groupNames: new Map(), ownerPicker: owners.knowsSlackUsers, privateMetadata: '{}' }));

  it('offers the Slack people picker when the mapping knows at least one Slack user', () => {
    expect(formWith(mapped)).toContain(KpiFormInputIds.ownerSlackUserIds.block);
  });

  it('offers only the Gtmhub user ids field, explaining what to type, when the mapping knows nobody', () => {
    const form = formWith(noOwners);
    expect(form).not.toContain(KpiFormInputIds.ownerSlackUserIds.block);
    expect(form).toContain('Owners are Gtmhub users: type their Gtmhub user ids');
  });
});
