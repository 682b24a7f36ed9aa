import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/gtmhub/types.js';
import type { KpiHistory } from '../../../src/kpis/recent-values.js';
import { checkView } from '../../../src/sandbox/slack/index.js';
import { parseFavoriteControlValue } from '../../../src/slack/payloads/button-values.js';
import { homeKpiIds, homeView, MAX_KPIS_PER_GROUP, type HomeGroup, type HomeModel } from '../../../src/slack/views/home.js';

function aKpi(id: string, name: string, groupId: string, overrides: Partial<Kpi> = {}): Kpi {
  return {
    id,
    name,
    description: '',
    aggregation: 'sum',
    targetOperator: 'should_increase',
    formatting: { fractionSize: 0, prefix: '$', suffix: '' },
    groups: [groupId],
    ownerIds: [],
    ...overrides,
  };
}

function groupsOf(groupCount: number, kpisPerGroup: number): HomeGroup[] {
  return Array.from({ length: groupCount }, (_, g) => ({
    id: `g${g}`,
    name: `Group ${String(g).padStart(2, '0')}`,
    kpis: Array.from({ length: kpisPerGroup }, (_, k) => aKpi(`k${g}-${k}`, `KPI ${g}.${k}`, `g${g}`)),
  }));
}

function history(kpiId: string, weeks: Array<[string, number]>): KpiHistory {
  const [latest, previous] = [...weeks].reverse();
  return {
    kpiId,
    weeks: weeks.map(([period, value]) => ({ period, value })),
    ...(latest ? { latest: { period: latest[0], value: latest[1] } } : {}),
    ...(previous ? { previous: { period: previous[0], value: previous[1] } } : {}),
  };
}

function model(overrides: Partial<HomeModel>): HomeModel {
  return { groups: [], histories: new Map(), currentWeek: '2026-W48', zone: 'UTC', locale: 'en-US', connected: false, ...overrides };
}

const text = (view: unknown): string => JSON.stringify(view);

describe('the Home tab view', () => {
  it('stays within 100 blocks with 40 favorite groups of 50 KPIs, summarising what it leaves out', () => {
    const groups = groupsOf(40, 50);
    const view = homeView(model({ groups }));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view as never)).toEqual([]);
    expect(text(view)).toContain(`…and ${50 - MAX_KPIS_PER_GROUP} more in *Group 00*: \`/kpi Group 00\``);
    const shownGroups = view.blocks.filter((b) => b.type === 'divider').length;
    expect(shownGroups).toBeGreaterThan(5);
    expect(text(view)).toContain(`…and ${40 - shownGroups} more groups`);
  });

  it('reads values only for the KPIs it shows', () => {
    const groups = groupsOf(40, 50);
    const ids = homeKpiIds(groups);
    const shown = homeView(model({ groups })).blocks.filter((b) => b.type === 'section' && 'accessory' in b && (b.accessory as { action_id?: string }).action_id === 'kpi_log_value');
    expect(ids).toHaveLength(shown.length);
    expect(ids.length).toBeLessThanOrEqual(100);
  });

  it('shows each KPI with its formatted latest value, week and a trend colored by the target', () => {
    const kpi = aKpi('k1', 'Monthly revenue', 'g1');
    const churn = aKpi('k2', 'Churn', 'g1', { targetOperator: 'should_decrease', formatting: { fractionSize: 1, prefix: '', suffix: '%' } });
    const view = homeView(
      model({
        groups: [{ id: 'g1', name: 'Sales', kpis: [kpi, churn] }],
        histories: new Map([
          ['k1', history('k1', [['2026-W47', 1000], ['2026-W48', 1250]])],
          ['k2', history('k2', [['2026-W47', 2], ['2026-W48', 2.5]])],
        ]),
      }),
    );
    expect(text(view)).toContain('*$1,250* in 2026-W48');
    expect(text(view)).toMatch(/\*Monthly revenue\*\\n[^"]*large_green_circle: ▲/);
    expect(text(view)).toMatch(/\*Churn\*\\n[^"]*red_circle: ▲/);
    expect(text(view)).toContain('"value":"{\\"v\\":1,\\"kpiId\\":\\"k1\\"}"');
  });

  it('marks a KPI without a value this week', () => {
    const kpi = aKpi('k1', 'Monthly revenue', 'g1');
    const view = homeView(model({ groups: [{ id: 'g1', name: 'Sales', kpis: [kpi] }], histories: new Map([['k1', history('k1', [['2026-W46', 1000], ['2026-W47', 1100]])]]) }));
    expect(text(view)).toContain('in 2026-W47');
    expect(text(view)).toContain(':warning: not updated this week');
  });

  it('does not mark KPIs as stale when Gtmhub did not answer', () => {
    const kpi = aKpi('k1', 'Monthly revenue', 'g1');
    const view = homeView(model({ groups: [{ id: 'g1', name: 'Sales', kpis: [kpi] }], histories: undefined }));
    expect(text(view)).toContain('current value unavailable');
    expect(text(view)).not.toContain('not updated this week');
  });

  it('offers ★ Unfavorite on each group, asking to unfavorite that group however often it is clicked', () => {
    const view = homeView(model({ groups: groupsOf(2, 1) }));
    const unfavorite = view.blocks.filter((b) => 'accessory' in b && (b.accessory as { action_id?: string }).action_id === 'kpi_toggle_favorite');
    expect(unfavorite.map((b) => parseFavoriteControlValue((b as { accessory: { value: string } }).accessory.value))).toEqual([
      { ok: true, value: { groupId: 'g0', favorite: false } },
      { ok: true, value: { groupId: 'g1', favorite: false } },
    ]);
  });

  it('shows when each KPI was last updated, as a date in the user’s zone and locale', () => {
    const kpi = aKpi('k1', 'Monthly revenue', 'g1');
    // 23:30 UTC on Sunday is already Monday in Berlin.
    const updated: KpiHistory = { ...history('k1', [['2026-W48', 1250]]), lastUpdate: '2026-11-29T23:30:00.000Z' };
    const groups = [{ id: 'g1', name: 'Sales', kpis: [kpi] }];
    const histories = new Map([['k1', updated]]);
    expect(text(homeView(model({ groups, histories, zone: 'Europe/Berlin', locale: 'de-DE' })))).toContain('last update 30. Nov. 2026');
    expect(text(homeView(model({ groups, histories, zone: 'America/New_York', locale: 'en-US' })))).toContain('last update Nov 29, 2026');
  });

  it('shows no last update for a KPI whose snapshot carries no date', () => {
    const kpi = aKpi('k1', 'Monthly revenue', 'g1');
    const view = homeView(model({ groups: [{ id: 'g1', name: 'Sales', kpis: [kpi] }], histories: new Map([['k1', history('k1', [['2026-W48', 1250]])]]) }));
    expect(text(view)).not.toContain('last update');
  });

  it('puts a notice on top, above the favorites and above the welcome', () => {
    const notice = 'Something went wrong while changing your favorite group “Sales”.';
    const withFavorites = homeView(model({ groups: groupsOf(1, 1), notice }));
    expect(JSON.stringify(withFavorites.blocks[0])).toContain(':warning: Something went wrong');
    const welcome = homeView(model({ groups: [], notice }));
    expect(JSON.stringify(welcome.blocks[0])).toContain(':warning: Something went wrong');
  });

  it('stays within 100 blocks with a notice and 40 favorite groups', () => {
    const view = homeView(model({ groups: groupsOf(40, 50), notice: 'Something went wrong.' }));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view as never)).toEqual([]);
    expect(text(view)).toMatch(/…and \d+ more groups/);
  });

  it('welcomes a user without favorites with how to find, star and log KPIs', () => {
    const view = homeView(model({ groups: [] }));
    expect(text(view)).toContain('Welcome to kpibot');
    expect(text(view)).toContain('/kpi revenue');
    expect(text(view)).toContain('☆ Favorite group');
    expect(text(view)).toContain('/kpi log');
  });
});
