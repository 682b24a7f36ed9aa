import type { KnownBlock } from '@slack/types';
import { aKpi as kpiFixture } from '../../kpis/kpi-fixtures.js';
import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/gtmhub/types.js';
import type { KpiHistory } from '../../../src/kpis/recent-values.js';
import type { OwnerAnswer } from '../../../src/people/people.js';
import { checkView } from '../../../src/sandbox/slack/index.js';
import { homeKpiIds, homeView, MAX_MINE, mineLayout, type HomeGroup, type HomeModel } from '../../../src/slack/views/home.js';

/** The shared KPI fixture, with the sums in dollars these Home views show. */
function aKpi(id: string, name: string, fields: Partial<Kpi> = {}): Kpi {
  return kpiFixture(name, { id, aggregation: 'sum', formatting: { fractionSize: 0, prefix: '$', suffix: '' }, ...fields });
}

function groupsOf(groupCount: number, kpisPerGroup: number): HomeGroup[] {
  return Array.from({ length: groupCount }, (_, g) => ({
    id: `g${g}`,
    name: `Group ${String(g).padStart(2, '0')}`,
    kpis: Array.from({ length: kpisPerGroup }, (_, k) => aKpi(`k${g}-${k}`, `KPI ${g}.${k}`, { groups: [`g${g}`] })),
  }));
}

function ownKpis(count: number): Kpi[] {
  return Array.from({ length: count }, (_, i) => aKpi(`mine${i}`, `Own KPI ${i}`, { ownerIds: ['g-me'] }));
}

function model(overrides: Partial<HomeModel>): HomeModel {
  return { groups: [], histories: new Map(), currentWeek: '2026-W48', zone: 'UTC', locale: 'en-US', connected: false, ...overrides };
}

/** The Home view, with its blocks typed as the blocks home.ts builds. */
function home(overrides: Partial<HomeModel>): { type: 'home'; blocks: KnownBlock[] } {
  const view = homeView(model(overrides));
  return { type: 'home', blocks: view.blocks as KnownBlock[] };
}

const text = (view: unknown): string => JSON.stringify(view);
const headers = (blocks: readonly KnownBlock[]): string[] => blocks.flatMap((b) => (b.type === 'header' && 'text' in b && b.text ? [b.text.text] : []));
/** The KPI lines (sections with a Log value button), by the KPI name they start with. */
const kpiLines = (blocks: readonly KnownBlock[]): string[] =>
  blocks.flatMap((b) => {
    if (b.type !== 'section' || !('accessory' in b) || (b.accessory as { action_id?: string }).action_id !== 'kpi_log_value') return [];
    return [/^\*([^*]+)\*/.exec(b.text?.text ?? '')?.[1] ?? ''];
  });
/** The blocks of *Your KPIs*: from its header up to the divider that closes it. */
function mineSection(blocks: readonly KnownBlock[]): KnownBlock[] {
  const start = blocks.findIndex((b) => b.type === 'header' && 'text' in b && b.text?.text === 'Your KPIs');
  if (start < 0) return [];
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return blocks.slice(start, end + 1);
}

describe('Home: *Your KPIs*', () => {
  it('is left out when people are not known, even with own KPIs', () => {
    const view = home({ groups: groupsOf(1, 1), mine: ownKpis(2), peopleKnown: false });
    expect(headers(view.blocks)).toEqual(['Your favorite KPIs']);
    expect(kpiLines(view.blocks)).toEqual(['KPI 0.0']);
  });

  it('is left out when peopleKnown is not set', () => {
    expect(headers(home({ groups: groupsOf(1, 1), mine: ownKpis(2) }).blocks)).toEqual(['Your favorite KPIs']);
  });

  it('comes first, above the favorites, with one line per own KPI', () => {
    const view = home({ groups: groupsOf(1, 1), mine: ownKpis(2), peopleKnown: true });
    expect(headers(view.blocks)).toEqual(['Your KPIs', 'Your favorite KPIs']);
    expect(kpiLines(view.blocks)).toEqual(['Own KPI 0', 'Own KPI 1', 'KPI 0.0']);
    expect(mineSection(view.blocks).at(-1)).toEqual({ type: 'divider' });
    expect(checkView(view as never)).toEqual([]);
  });

  it('says kpibot does not know the user’s Gtmhub user when mine is undefined, and points to /kpi whoami', () => {
    const section = mineSection(home({ groups: groupsOf(1, 1), mine: undefined, peopleKnown: true }).blocks);
    expect(section).toHaveLength(3);
    expect(text(section[1])).toContain('kpibot does not know your Gtmhub user yet, so it cannot list the KPIs you own: `/kpi whoami` says why.');
  });

  it('says the user owns no KPIs when mine is empty', () => {
    const section = mineSection(home({ groups: groupsOf(1, 1), mine: [], peopleKnown: true }).blocks);
    expect(section).toHaveLength(3);
    expect(text(section[1])).toContain('You own no KPIs in Gtmhub.');
    expect(text(section)).not.toContain('does not know your Gtmhub user');
  });

  it(`shows at most MAX_MINE (${MAX_MINE}) own KPIs, then "…and N more"`, () => {
    const view = home({ groups: groupsOf(1, 1), mine: ownKpis(MAX_MINE + 7), peopleKnown: true });
    const section = mineSection(view.blocks);
    expect(kpiLines(section)).toEqual(ownKpis(MAX_MINE).map((k) => k.name));
    expect(text(section.at(-2))).toContain('…and 7 more: `/kpi mine` lists all the KPIs you own.');
  });

  it('has no "…and N more" with exactly MAX_MINE own KPIs', () => {
    const section = mineSection(home({ groups: groupsOf(1, 1), mine: ownKpis(MAX_MINE), peopleKnown: true }).blocks);
    expect(kpiLines(section)).toHaveLength(MAX_MINE);
    expect(text(section)).not.toContain('more');
  });

  it('gives a user with own KPIs but no favorite groups the section, not the welcome', () => {
    const view = home({ groups: [], mine: ownKpis(2), peopleKnown: true });
    expect(text(view)).not.toContain('Welcome to kpibot');
    expect(headers(view.blocks)).toEqual(['Your KPIs', 'Your favorite KPIs']);
    expect(kpiLines(view.blocks)).toEqual(['Own KPI 0', 'Own KPI 1']);
    expect(text(view)).toContain('No favorite groups yet');
    expect(checkView(view as never)).toEqual([]);
  });

  it('marks an own KPI without a value this week', () => {
    const stale: KpiHistory = { kpiId: 'mine0', weeks: [{ period: '2026-W47', value: 5 }], latest: { period: '2026-W47', value: 5 } };
    const section = mineSection(home({ groups: [], mine: ownKpis(1), peopleKnown: true, histories: new Map([['mine0', stale]]) }).blocks);
    expect(text(section[1])).toContain(':warning: not updated this week');
  });

  it('shows the owners of favorite KPIs as Slack mentions when ownerOf answers a Slack person, and not on own KPIs', () => {
    const ownerOf = (id: string): OwnerAnswer =>
      id === 'g-jane' ? { kind: 'slack', gtmhubUserId: id, slackUserId: 'U0JANE', matchedBy: 'email', name: 'Jane' } : { kind: 'gtmhub_name', gtmhubUserId: id, name: 'Ada & Co' };
    const favorite = aKpi('k1', 'MRR', { groups: ['g1'], ownerIds: ['g-jane', 'g-ada'] });
    const view = home({ groups: [{ id: 'g1', name: 'Sales', kpis: [favorite] }], mine: ownKpis(1), peopleKnown: true, ownerOf });
    const line = view.blocks.flatMap((b) => (b.type === 'section' && b.text?.text.startsWith('*MRR*') ? [b.text.text] : []));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/\nowners: <@U0JANE>, Ada &amp; Co$/);
    expect(text(mineSection(view.blocks))).not.toContain('owners:');
  });

  it('shows owners of favorite KPIs as ids without ownerOf', () => {
    const favorite = aKpi('k1', 'MRR', { groups: ['g1'], ownerIds: ['g-jane'] });
    expect(text(home({ groups: [{ id: 'g1', name: 'Sales', kpis: [favorite] }] }))).toContain('\\nowners: g-jane');
  });

  it('stays within 100 blocks with 40 groups of 50 KPIs, 30 own KPIs and a notice, cutting nothing but whole groups', () => {
    const view = home({ groups: groupsOf(40, 50), mine: ownKpis(30), peopleKnown: true, notice: 'Something went wrong.' });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view as never)).toEqual([]);
    // Nothing was sliced off the end: the tips line is still last, after the "…and N more groups" line.
    expect(text(view.blocks.at(-1))).toContain('Find KPIs with');
    expect(text(view.blocks.at(-2))).toMatch(/…and \d+ more groups/);
    expect(kpiLines(mineSection(view.blocks))).toHaveLength(MAX_MINE);
  });

  it('makes room for *Your KPIs* by showing fewer groups', () => {
    const groups = groupsOf(40, 50);
    const without = home({ groups });
    const withMine = home({ groups, mine: ownKpis(30), peopleKnown: true });
    const groupCount = (blocks: readonly KnownBlock[]): number => blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('*Group ')).length;
    expect(groupCount(withMine.blocks)).toBeLessThan(groupCount(without.blocks));
    expect(withMine.blocks.length).toBeLessThanOrEqual(100);
  });
});

describe('mineLayout', () => {
  it('takes no blocks when people are not known', () => {
    expect(mineLayout({ mine: ownKpis(3), peopleKnown: false })).toEqual({ kpis: [], hidden: 0, blocks: 0 });
  });

  it('counts the header, one line per KPI (or the one line saying why none), "…and N more" and the divider', () => {
    expect(mineLayout({ mine: undefined, peopleKnown: true })).toEqual({ kpis: [], hidden: 0, blocks: 3 });
    expect(mineLayout({ mine: [], peopleKnown: true })).toEqual({ kpis: [], hidden: 0, blocks: 3 });
    expect(mineLayout({ mine: ownKpis(2), peopleKnown: true })).toMatchObject({ hidden: 0, blocks: 4 });
    const many = mineLayout({ mine: ownKpis(MAX_MINE + 4), peopleKnown: true });
    expect(many.kpis.map((k) => k.id)).toEqual(ownKpis(MAX_MINE).map((k) => k.id));
    expect(many).toMatchObject({ hidden: 4, blocks: 2 + MAX_MINE + 1 });
  });

  it('matches the blocks homeView draws for the section', () => {
    for (const mine of [undefined, [], ownKpis(1), ownKpis(MAX_MINE), ownKpis(MAX_MINE + 1)]) {
      const section = mineSection(home({ groups: groupsOf(1, 1), mine, peopleKnown: true }).blocks);
      expect(section).toHaveLength(mineLayout({ mine, peopleKnown: true }).blocks);
    }
  });
});

describe('homeKpiIds with own KPIs', () => {
  it('reads own KPIs first, then the favorites', () => {
    const ids = homeKpiIds(groupsOf(1, 2), { mine: ownKpis(2), peopleKnown: true });
    expect(ids).toEqual(['mine0', 'mine1', 'k0-0', 'k0-1']);
  });

  it('lists a KPI that is both own and favorite once', () => {
    const groups = groupsOf(2, 3);
    const own = [groups[0]!.kpis[1]!, ...ownKpis(1), groups[1]!.kpis[0]!];
    const ids = homeKpiIds(groups, { mine: own, peopleKnown: true });
    expect(ids).toEqual(['k0-1', 'mine0', 'k1-0', 'k0-0', 'k0-2', 'k1-1', 'k1-2']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads only the own KPIs shown, and none when people are not known', () => {
    expect(homeKpiIds([], { mine: ownKpis(MAX_MINE + 3), peopleKnown: true })).toEqual(ownKpis(MAX_MINE).map((k) => k.id));
    expect(homeKpiIds(groupsOf(1, 1), { mine: ownKpis(2), peopleKnown: false })).toEqual(['k0-0']);
  });

  it('reads exactly the KPIs the Home shows with many groups and own KPIs', () => {
    const groups = groupsOf(40, 50);
    const mine = ownKpis(30);
    const ids = homeKpiIds(groups, { mine, peopleKnown: true });
    const view = home({ groups, mine, peopleKnown: true });
    expect(kpiLines(view.blocks)).toHaveLength(ids.length);
    expect(ids.slice(0, MAX_MINE)).toEqual(ownKpis(MAX_MINE).map((k) => k.id));
    expect(ids.length).toBeLessThanOrEqual(100);
  });
});
