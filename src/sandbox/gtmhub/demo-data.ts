/**
 * A deterministic demo account: the same seed and clock give the same KPIs, ids and history. It must
 * stay fast at benchmark size (20,000 KPIs, ~500,000 snapshots), so the per-snapshot work is a
 * random step and one object; period labels and dates are computed once per week.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { isoWeekOf, lastNPeriods } from '../../time/periods.js';
import { parsePeriod, shiftPeriod } from '../../gtmhub/periods.js';
import { DEMO_GROUPS, DEMO_INSIGHTS, DEMO_PEOPLE, DEMO_REGIONS, DEMO_TIME_ZONES, KPI_TEMPLATES, type KpiTemplate } from './demo-catalog.js';
import { mention } from './markup.js';
import { createObjectIdGenerator } from './object-ids.js';
import { mulberry32, pick, randomHex, type Random } from './random.js';
import type { GroupRecord, Insight, SimState, StoredSnapshot } from './state.js';

export interface DemoOptions {
  seed?: number;
  kpiCount?: number;
  /** Weeks of weekly history, ending with the week before `now`. */
  weeks?: number;
}

export const DEFAULT_DEMO: Required<DemoOptions> = { seed: 42, kpiCount: 24, weeks: 26 };

/** A demo Gtmhub user: owner or reviewer of demo KPIs, listed by `GET /v2/users`. */
export interface DemoPerson {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  /** `first.last@example.com`, accents dropped (`Amélie Laurent` → `amelie.laurent@example.com`). */
  email: string;
}

export interface DemoData {
  groups: GroupRecord[];
  people: DemoPerson[];
  insights: Insight[];
  kpis: Kpi[];
  /** In posting order per KPI (oldest week first). */
  snapshots: StoredSnapshot[];
  /** Ids of the KPIs left without last week's value, so "not updated" has something to show. */
  missingLastWeek: string[];
}

/** Every 8th KPI (from the 6th) misses last week's value. */
const MISSING_LAST_WEEK_EVERY = 8;
const MISSING_LAST_WEEK_OFFSET = 5;

interface Week {
  label: string;
  startDate: string;
  dateCreated: string;
}

export function generateDemoData(options: DemoOptions & { now: Date; accountId: string }): DemoData {
  const { seed, kpiCount, weeks } = { ...DEFAULT_DEMO, ...stripUndefined(options) };
  if (!Number.isInteger(kpiCount) || kpiCount < 0) throw new RangeError(`demo.kpiCount must be a whole number of 0 or more, got ${kpiCount}.`);
  if (!Number.isInteger(weeks) || weeks < 0) throw new RangeError(`demo.weeks must be a whole number of 0 or more, got ${weeks}.`);
  const random = mulberry32(seed);
  const history = weeksBefore(options.now, weeks);
  // Ids carry the moment the account was "created": the start of its history, not the wall clock.
  const createdAt = new Date(Date.parse(`${history[0]?.startDate ?? options.now.toISOString().slice(0, 10)}T09:00:00Z`) - 7 * 86_400_000);
  const newId = createObjectIdGenerator(random, () => createdAt);

  const groups = DEMO_GROUPS.map((name) => ({ id: newId(), name }));
  const groupId = new Map(groups.map((g) => [g.name, g.id]));
  const people = DEMO_PEOPLE.map((name) => demoPerson(randomHex(random, 24), name));
  const insights = Object.entries(DEMO_INSIGHTS).map(([name, title]) => ({ name, title }));

  const kpis: Kpi[] = [];
  const snapshots: StoredSnapshot[] = [];
  const missingLastWeek: string[] = [];
  for (let i = 0; i < kpiCount; i++) {
    const template = KPI_TEMPLATES[i % KPI_TEMPLATES.length]!;
    const round = Math.floor(i / KPI_TEMPLATES.length);
    const owner = pick(random, people);
    const reviewer = pick(random, people);
    const kpi = kpiFrom(template, {
      id: newId(),
      name: round === 0 ? template.name : `${template.name} — ${DEMO_REGIONS[(round - 1) % DEMO_REGIONS.length]} ${round}`,
      accountId: options.accountId,
      groupIds: template.groups.map((g) => groupId.get(g)!),
      owner,
      reviewer,
      createdAt: createdAt.toISOString(),
    });
    const skipLast = i % MISSING_LAST_WEEK_EVERY === MISSING_LAST_WEEK_OFFSET && history.length > 0;
    if (skipLast) missingLastWeek.push(kpi.id);
    const weeksPosted = skipLast ? history.slice(0, -1) : history;
    const timeZone = pick(random, DEMO_TIME_ZONES);
    const values = randomWalk(random, template, weeksPosted.length);
    for (let w = 0; w < weeksPosted.length; w++) {
      const week = weeksPosted[w]!;
      snapshots.push({ id: newId(), kpiId: kpi.id, group: week.label, timeZone, value: values[w]!, dateCreated: week.dateCreated, startDate: week.startDate });
    }
    const lastPosted = weeksPosted[weeksPosted.length - 1];
    if (lastPosted) kpi.dateUpdated = lastPosted.dateCreated;
    kpis.push(kpi);
  }
  return { groups, people, insights, kpis, snapshots, missingLastWeek };
}

/** A demo user named `name`: first word the first name, the rest the last name. */
export function demoPerson(id: string, name: string): DemoPerson {
  const [firstName = '', ...rest] = name.split(' ');
  const lastName = rest.join(' ');
  return { id, name, firstName, lastName, email: demoEmailOf(name) };
}

/** `Amélie Laurent` → `amelie.laurent@example.com` (example.com: reserved for examples, RFC 2606). */
export function demoEmailOf(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/gi, 'o')
    .toLowerCase();
  const local = ascii
    .split(/\s+/)
    .map((part) => part.replace(/[^a-z0-9]/g, ''))
    .filter((part) => part !== '')
    .join('.');
  return `${local}@example.com`;
}

/** Puts demo data into an (empty) state. */
export function loadDemoData(state: SimState, data: DemoData): void {
  for (const person of data.people) {
    state.addUser({ id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName });
  }
  for (const group of data.groups) state.addGroup(group.name, group.id);
  for (const insight of data.insights) state.addInsight(insight.name, insight.title);
  for (const kpi of data.kpis) state.kpis.set(kpi.id, kpi);
  for (const snapshot of data.snapshots) state.pushSnapshot(snapshot);
}

/** The `count` ISO weeks before the week of `now` (UTC), oldest first, each posted on its Sunday evening. */
function weeksBefore(now: Date, count: number): Week[] {
  if (count === 0) return [];
  const lastWeek = shiftPeriod(isoWeekOf(now, 'UTC'), -1);
  return lastNPeriods(lastWeek, count).map((label) => {
    const { startDate, endDate } = parsePeriod(label);
    return { label, startDate, dateCreated: `${endDate}T18:00:00.000Z` };
  });
}

function kpiFrom(
  template: KpiTemplate,
  k: { id: string; name: string; accountId: string; groupIds: string[]; owner: DemoPerson; reviewer: DemoPerson; createdAt: string },
): Kpi {
  const source = template.insight ? `the **${DEMO_INSIGHTS[template.insight]}** insight` : 'a _weekly_ manual update';
  const description = `${template.about} Owned by ${mention(k.owner.name, k.owner.id)}; reviewed with ${mention(k.reviewer.name, k.reviewer.id)}. Comes from ${source}.`;
  return {
    id: k.id,
    accountId: k.accountId,
    name: k.name,
    description,
    richTextDescription: `<p>${escapeHtml(template.about)} Owned by ${escapeHtml(k.owner.name)}.</p>`,
    aggregation: template.aggregation,
    targetOperator: template.targetOperator,
    formatting: { fractionSize: template.fractionSize, prefix: template.prefix ?? '', suffix: template.suffix ?? '' },
    groups: k.groupIds,
    ownerId: k.owner.id,
    ownerIds: k.owner.id === k.reviewer.id ? [k.owner.id] : [k.owner.id, k.reviewer.id],
    insightLink: template.insight ? { fieldName: 'value', insightName: template.insight, settings: [] } : null,
    createdById: k.owner.id,
    modifiedById: k.owner.id,
    dateCreated: k.createdAt,
    dateUpdated: k.createdAt,
  };
}

/**
 * Weekly values around the template's typical value: a drift (mostly in the good direction, for some
 * KPIs the wrong one, so that the digest has risers and fallers) plus noise, clamped and rounded as
 * the KPI displays them.
 */
function randomWalk(random: Random, t: KpiTemplate, count: number): number[] {
  const good = t.targetOperator === 'should_increase' ? 1 : -1;
  const trend = good * t.drift * (random() * 2 - 0.5);
  const scale = 10 ** t.fractionSize;
  let value = t.typical * (0.85 + random() * 0.3);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    value *= 1 + trend + t.noise * (random() * 2 - 1);
    value = Math.min(t.max ?? Infinity, Math.max(t.min ?? -Infinity, value));
    values.push(Math.round(value * scale) / scale);
  }
  return values;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
