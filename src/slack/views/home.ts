import type { HomeView, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { Kpi } from '../../gtmhub/types.js';
import type { KpiHistory } from '../../kpis/recent-values.js';
import { resolveLocale } from '../../time/locale.js';
import { isUsableZone, toDateTime } from '../../time/zones.js';
import { ActionIds, logButtonValue } from '../ids.js';
import { button, clip, context, divider, escapeMrkdwn, header, LIMITS, section } from './blocks.js';
import { favoriteControlValue } from './favorites.js';
import { valueLine } from './kpi-card.js';
import { kpiOwnersText, type OwnerLookup } from './owners.js';

/** Owners on a Home line: a few mentions, then "and N more". */
const OWNERS_ON_HOME_MAX = 120;

/** A favorite group with every KPI it holds, in the order to show them. */
export interface HomeGroup {
  id: string;
  name: string;
  kpis: readonly Kpi[];
}

export interface HomeModel {
  groups: readonly HomeGroup[];
  /** Recent values of the KPIs shown; undefined when Gtmhub did not answer. */
  histories: ReadonlyMap<string, KpiHistory> | undefined;
  /** The user's current ISO week: a KPI without a value in it stands out. */
  currentWeek: string;
  /** The user's Slack time zone and locale: the last update's date is shown in them. */
  zone: string;
  locale: string;
  /** Whether the user acts with their own Gtmhub token. */
  connected: boolean;
  /** One sentence on top, for what just happened on the Home (e.g. a toggle that failed). */
  notice?: string;
  /**
   * The KPIs the user owns in Gtmhub (by name), shown first as *Your KPIs*; undefined when kpibot
   * does not know the user's Gtmhub user (the section then says how to find out why).
   */
  mine?: readonly Kpi[] | undefined;
  /** Whether owners are known as people at all (deps.people set); without, *Your KPIs* is left out. */
  peopleKnown?: boolean;
  /** Who KPI owners are, for the owners of favorite KPIs; without it they show as Gtmhub ids. */
  ownerOf?: OwnerLookup;
}

/** KPIs shown per group before "…and 12 more in Sales". */
export const MAX_KPIS_PER_GROUP = 5;
/** Own KPIs shown before "…and 7 more: /kpi mine". */
export const MAX_MINE = 5;
/** Notice, header and week line on top, tips at the bottom, and room for "…and 3 more groups". */
const FIXED_BLOCKS = 5;

export interface HomeLayout {
  shown: Array<{ group: HomeGroup; kpis: readonly Kpi[]; hidden: number }>;
  hiddenGroups: number;
}

/**
 * Which groups and KPIs fit in Slack's 100 blocks for a Home view: at most MAX_KPIS_PER_GROUP per
 * group, then as many whole groups as fit. The handler reads values only for what is shown.
 */
export function homeLayout(groups: readonly HomeGroup[], mine: MineLayout = NO_MINE): HomeLayout {
  const shown: HomeLayout['shown'] = [];
  let used = FIXED_BLOCKS + mine.blocks;
  for (const group of groups) {
    const kpis = group.kpis.slice(0, MAX_KPIS_PER_GROUP);
    const hidden = group.kpis.length - kpis.length;
    // divider + group line + one block per KPI (or the "no KPIs" line) + the "…and N more" line
    const cost = 2 + Math.max(kpis.length, 1) + (hidden > 0 ? 1 : 0);
    if (used + cost > LIMITS.viewBlocks) break;
    used += cost;
    shown.push({ group, kpis, hidden });
  }
  return { shown, hiddenGroups: groups.length - shown.length };
}

/** The *Your KPIs* section: which own KPIs show, and the blocks it takes. */
export interface MineLayout {
  kpis: readonly Kpi[];
  hidden: number;
  blocks: number;
}

const NO_MINE: MineLayout = { kpis: [], hidden: 0, blocks: 0 };

/** At most MAX_MINE own KPIs: header + one line each (or the "none" line) + "…and N more" + the divider below. */
export function mineLayout(model: Pick<HomeModel, 'mine' | 'peopleKnown'>): MineLayout {
  if (!model.peopleKnown) return NO_MINE;
  const mine = model.mine ?? [];
  const kpis = mine.slice(0, MAX_MINE);
  const hidden = mine.length - kpis.length;
  return { kpis, hidden, blocks: 2 + Math.max(kpis.length, 1) + (hidden > 0 ? 1 : 0) };
}

/** The ids of the KPIs a Home with these groups (and own KPIs) shows. */
export function homeKpiIds(groups: readonly HomeGroup[], mine: Pick<HomeModel, 'mine' | 'peopleKnown'> = {}): string[] {
  const own = mineLayout(mine);
  const ids = [...own.kpis.map((k) => k.id), ...homeLayout(groups, own).shown.flatMap((s) => s.kpis.map((k) => k.id))];
  return [...new Set(ids)];
}

export function homeView(model: HomeModel): HomeView {
  const own = mineLayout(model);
  if (model.groups.length === 0 && own.kpis.length === 0) return welcomeView(model.connected, model.notice);
  const layout = homeLayout(model.groups, own);
  const blocks: KnownBlock[] = [...noticeBlocks(model.notice), ...mineBlocks(model, own)];
  blocks.push(
    header('Your favorite KPIs'),
    context(`This week is ${model.currentWeek} (your Slack time zone). Values as Gtmhub has them now.`),
  );
  if (model.groups.length === 0) blocks.push(context('No favorite groups yet: press *☆ Favorite group* on a KPI card, or `/kpi fav &lt;group&gt;`.'));
  for (const { group, kpis, hidden } of layout.shown) {
    const count = group.kpis.length === 1 ? '1 KPI' : `${group.kpis.length} KPIs`;
    blocks.push(divider(), section(`*${escapeMrkdwn(clip(group.name, 150))}* · ${count}`, { accessory: button('★ Unfavorite', ActionIds.toggleFavorite, favoriteControlValue(group.id, false)) }));
    if (kpis.length === 0) blocks.push(context('No KPIs in this group right now.'));
    for (const kpi of kpis) blocks.push(kpiLine(kpi, model, true));
    if (hidden > 0) blocks.push(context(`…and ${hidden} more in *${escapeMrkdwn(clip(group.name, 150))}*: \`/kpi ${escapeMrkdwn(clip(group.name, 150))}\``));
  }
  if (layout.hiddenGroups > 0) {
    blocks.push(context(`…and ${layout.hiddenGroups} more ${layout.hiddenGroups === 1 ? 'group' : 'groups'}: \`/kpi fav\` lists all your favorites.`));
  }
  blocks.push(context(tips(model.connected)));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

/**
 * *Your KPIs*: what the user owns, each with this week's status, above the favorites. Left out when
 * people are not set up; a user kpibot cannot place in Gtmhub is told how to find out why.
 */
function mineBlocks(model: HomeModel, own: MineLayout): KnownBlock[] {
  if (!model.peopleKnown) return [];
  const blocks: KnownBlock[] = [header('Your KPIs')];
  if (model.mine === undefined) blocks.push(context('kpibot does not know your Gtmhub user yet, so it cannot list the KPIs you own: `/kpi whoami` says why.'));
  else if (own.kpis.length === 0) blocks.push(context('You own no KPIs in Gtmhub.'));
  for (const kpi of own.kpis) blocks.push(kpiLine(kpi, model, false));
  if (own.hidden > 0) blocks.push(context(`…and ${own.hidden} more: \`/kpi mine\` lists all the KPIs you own.`));
  blocks.push(divider());
  return blocks;
}

/**
 * `*MRR*` / value, trend and week / last update, ⚠ when not updated this week (and, for favorites,
 * who owns it); with a *Log value* button.
 */
function kpiLine(kpi: Kpi, model: HomeModel, withOwners: boolean): KnownBlock {
  const history = model.histories?.get(kpi.id);
  const line = valueLine({ kpi, history: model.histories === undefined ? undefined : history ?? emptyHistory(kpi.id), locale: model.locale });
  const updated = history?.lastUpdate === undefined ? undefined : formatLastUpdate(history.lastUpdate, model.zone, model.locale);
  const lastUpdate = updated === undefined ? '' : `\n_last update ${escapeMrkdwn(updated)}_`;
  const stale = model.histories !== undefined && history?.latest?.period !== model.currentWeek ? '\n:warning: not updated this week' : '';
  const ownerText = withOwners ? kpiOwnersText(kpi, model.ownerOf, OWNERS_ON_HOME_MAX) : undefined;
  const owners = ownerText === undefined ? '' : `\nowners: ${ownerText}`;
  return section(`*${escapeMrkdwn(clip(kpi.name, 200))}*\n${line}${lastUpdate}${stale}${owners}`, {
    accessory: button('Log value', ActionIds.logValue, logButtonValue(kpi.id)),
  });
}

/** `Nov 23, 2026` (as the user's locale writes it) in the user's zone; undefined for a date Gtmhub wrote oddly. */
function formatLastUpdate(iso: string, zone: string, locale: string): string | undefined {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return undefined;
  return toDateTime(instant, isUsableZone(zone) ? zone : 'UTC')
    .setLocale(resolveLocale(locale))
    .toLocaleString(DateTime.DATE_MED);
}

function noticeBlocks(notice: string | undefined): KnownBlock[] {
  return notice === undefined ? [] : [section(`:warning: ${escapeMrkdwn(notice)}`)];
}

function emptyHistory(kpiId: string): KpiHistory {
  return { kpiId, weeks: [] };
}

function tips(connected: boolean): string {
  const connect = connected ? 'You act as yourself in Gtmhub (`/kpi disconnect` to stop).' : '`/kpi connect` to act as yourself in Gtmhub.';
  return `Find KPIs with \`/kpi &lt;words&gt;\` · record with \`/kpi log &lt;kpi&gt; &lt;value&gt;\` · ${connect}`;
}

function welcomeView(connected: boolean, notice: string | undefined): HomeView {
  return {
    type: 'home',
    blocks: [
      ...noticeBlocks(notice),
      header('Welcome to kpibot'),
      section('kpibot brings your Gtmhub KPIs into Slack. Star the KPI groups you follow, and their KPIs show up here with their latest value and trend.'),
      section('*Find and star KPIs*\nType `/kpi &lt;words&gt;`, e.g. `/kpi revenue`, and press *☆ Favorite group* on a card. Or star a group by name: `/kpi fav sales`.'),
      section('*Record a value*\n`/kpi log &lt;kpi&gt; &lt;value&gt;`, e.g. `/kpi log MRR 12500`, or `/kpi log` for the form. The *Log value* buttons here do the same.'),
      context(tips(connected)),
    ],
  };
}

/** When the KPI list itself could not be read from Gtmhub. */
export function homeUnavailableView(options: { notice?: string } = {}): HomeView {
  return {
    type: 'home',
    blocks: [...noticeBlocks(options.notice), header('Your favorite KPIs'), section('kpibot could not load the KPIs from Gtmhub just now: open this tab again in a minute.')],
  };
}
