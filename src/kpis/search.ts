/**
 * KPI search for Slack's typeahead (external selects, the `/kpi` command). The index is built once
 * per catalogue refresh and queried on every keystroke, over catalogues of 20,000 KPIs: everything
 * that depends only on the KPIs (normalised names and group names, alphabetical order, trigrams)
 * is computed at build time. A query of three characters or more looks only at the names holding its
 * rarest trigram (every name that contains the query holds all of its trigrams) and at the members of
 * the groups it matches, so it costs a few dozen `indexOf`s instead of one per KPI: the `/kpi`
 * listener runs it on Slack's request path, where 32 commands at once must not hold up each other's
 * acknowledgements.
 */
import type { Kpi } from '../gtmhub/types.js';

export type Searchable = Pick<Kpi, 'id' | 'name' | 'groups'>;
export type MatchRank = 'exact' | 'prefix' | 'word' | 'substring';
/** `id` when the query is exactly a KPI's id (pasted from a Gtmhub URL). */
export type MatchedOn = 'name' | 'group' | 'id';

export interface SearchMatch<K extends Searchable = Kpi> {
  kpi: K;
  rank: MatchRank;
  matchedOn: MatchedOn;
}

export interface SearchResult<K extends Searchable = Kpi> {
  /** At most `limit` matches, best first. */
  matches: SearchMatch<K>[];
  /** How many KPIs match in all (for "showing 20 of 312"). */
  total: number;
}

export interface SearchIndex<K extends Searchable = Kpi> {
  readonly size: number;
  /**
   * KPIs whose name or one of whose groups contains the query, ignoring case, accents and repeated
   * spaces. Order: exact > prefix > word start > substring; at equal rank a name match before a
   * group match; then alphabetical. A query of several words that is not found as a whole matches
   * names containing every word (rank `substring`). An empty query lists every KPI alphabetically
   * (rank `prefix`). Default limit 20.
   */
  search(query: string, limit?: number): SearchResult<K>;
  /**
   * Up to `n` KPIs whose names are closest to the query (typos: "revnue" → "Revenue"), for
   * "no match — did you mean…"; empty when nothing is reasonably close.
   */
  closest(query: string, n?: number): K[];
  byId(id: string): K | undefined;
}

const RANKS: readonly MatchRank[] = ['exact', 'prefix', 'word', 'substring'];
const NO_MATCH = -1;
const SUBSTRING = RANKS.indexOf('substring');
const DEFAULT_LIMIT = 20;
/** How many trigram-prefiltered names get the (quadratic) edit distance in `closest`. */
const CLOSEST_CANDIDATES = 64;

/** NFKD, diacritics removed, lower case, runs of whitespace collapsed: "  Café  Revenue" → "cafe revenue". */
export function normalizeText(s: string): string {
  // Most names are plain ASCII, which NFKD leaves alone: skip the Unicode work for them.
  const decomposed = PRINTABLE_ASCII.test(s) ? s : s.normalize('NFKD').replace(COMBINING_MARKS, '');
  return decomposed.toLowerCase().replace(WHITESPACE, ' ').trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s+/g;
/** Digit runs padded so that a plain string comparison puts "Region 2" before "Region 10". */
const DIGITS = /\d+/g;

function sortKeyOf(normalizedName: string): string {
  return normalizedName.replace(DIGITS, (d) => d.padStart(16, '0'));
}

interface Entry<K> {
  kpi: K;
  /** The normalised name, as queries are compared against it. */
  name: string;
  /** Indices into the index's normalised group names: a query ranks each group name once, not once per KPI. */
  groups: number[];
  sortKey: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SearchIndexOptions {
  /**
   * Check every KPI on every query instead of the trigram candidates: the plain reference that
   * test/kpis/search-prefilter.test.ts holds the candidates to (same results, for any catalogue and query).
   */
  scanEverything?: boolean;
}

export function buildSearchIndex<K extends Searchable>(
  kpis: readonly K[],
  groupNames: ReadonlyMap<string, string>,
  options: SearchIndexOptions = {},
): SearchIndex<K> {
  const groupIndex = new Map<string, number>();
  const normalizedGroups: string[] = [];
  for (const [id, name] of groupNames) {
    groupIndex.set(id, normalizedGroups.length);
    normalizedGroups.push(normalizeText(name));
  }
  // Sorted once here, so that each rank bucket filled in this order is already alphabetical.
  // Plain comparison of precomputed keys: an Intl.Collator is several times slower on 20,000 names.
  const entries: Entry<K>[] = kpis
    .map((kpi) => {
      const name = normalizeText(kpi.name);
      const groups: number[] = [];
      for (const g of kpi.groups) {
        const index = groupIndex.get(g);
        if (index !== undefined && normalizedGroups[index] !== '') groups.push(index);
      }
      return { kpi, name, groups, sortKey: sortKeyOf(name) };
    })
    .sort((a, b) => compare(a.sortKey, b.sortKey) || compare(a.kpi.id, b.kpi.id));
  const byId = new Map<string, K>();
  for (const entry of entries) byId.set(entry.kpi.id, entry.kpi);
  const trigrams = buildTrigramIndex(entries.map((e) => e.name));
  const groupMembers: number[][] = normalizedGroups.map(() => []);
  entries.forEach((entry, i) => {
    for (const group of entry.groups) groupMembers[group]!.push(i);
  });

  /**
   * The indices of the entries that may match, ascending (so alphabetical), or undefined for every
   * entry when the query (or each word of it) is too short for a trigram; otherwise the names holding the query's
   * rarest trigram, the names holding the rarest trigram of each word (the all-words match), and the
   * members of the groups the query matches. A superset of the matches: each is checked in full.
   */
  const candidatesOf = (q: string, words: string[] | undefined, groupRanks: readonly number[]): ArrayLike<number> | undefined => {
    const lists: ArrayLike<number>[] = [];
    const whole = trigrams.rarest(q);
    if (whole === undefined) return undefined;
    lists.push(whole);
    if (words) {
      // A name holding every word holds each word's trigrams: the rarest over all words suffices.
      let rarest: ArrayLike<number> | undefined;
      for (const word of words) {
        const list = trigrams.rarest(word);
        if (list !== undefined && (rarest === undefined || list.length < rarest.length)) rarest = list;
      }
      if (rarest === undefined) return undefined;
      lists.push(rarest);
    }
    groupRanks.forEach((rank, group) => {
      if (rank !== NO_MATCH) lists.push(groupMembers[group]!);
    });
    if (lists.length === 1) return lists[0];
    const merged = new Set<number>();
    for (const list of lists) for (let j = 0; j < list.length; j++) merged.add(list[j]!);
    return [...merged].sort((a, b) => a - b);
  };

  return {
    size: entries.length,
    byId: (id) => byId.get(id),
    search(query, limit = DEFAULT_LIMIT) {
      const q = normalizeText(query);
      if (q === '') {
        const all = entries.slice(0, Math.max(0, limit));
        return { matches: all.map((e) => ({ kpi: e.kpi, rank: 'prefix', matchedOn: 'name' })), total: entries.length };
      }
      const idMatch = byId.get(query.trim());
      const words = q.includes(' ') ? q.split(' ') : undefined;
      const groupRanks = normalizedGroups.map((group) => rankIn(group, q));
      // buckets[rank * 2 + (0 for name, 1 for group)]
      const buckets: Entry<K>[][] = Array.from({ length: RANKS.length * 2 }, () => []);
      let total = idMatch ? 1 : 0;
      const candidates = options.scanEverything ? undefined : candidatesOf(q, words, groupRanks);
      const count = candidates?.length ?? entries.length;
      for (let c = 0; c < count; c++) {
        const entry = entries[candidates ? candidates[c]! : c]!;
        if (entry.kpi === idMatch) continue;
        let best = rankIn(entry.name, q);
        let source = 0;
        if (best !== 0) {
          for (const group of entry.groups) {
            const rank = groupRanks[group]!;
            if (rank !== NO_MATCH && (best === NO_MATCH || rank < best)) {
              best = rank;
              source = 1;
            }
          }
        }
        if (best === NO_MATCH && words && words.every((w) => entry.name.includes(w))) best = SUBSTRING;
        if (best === NO_MATCH) continue;
        buckets[best * 2 + source]!.push(entry);
        total++;
      }
      const matches: SearchMatch<K>[] = idMatch ? [{ kpi: idMatch, rank: 'exact', matchedOn: 'id' }] : [];
      for (let b = 0; b < buckets.length && matches.length < limit; b++) {
        const rank = RANKS[b >> 1]!;
        const matchedOn: MatchedOn = b % 2 === 0 ? 'name' : 'group';
        for (const entry of buckets[b]!) {
          if (matches.length >= limit) break;
          matches.push({ kpi: entry.kpi, rank, matchedOn });
        }
      }
      return { matches: matches.slice(0, Math.max(0, limit)), total };
    },
    closest(query, n = 3) {
      const q = normalizeText(query);
      // One typo per three characters; below three characters any name is "one edit away".
      const maxDistance = Math.floor(q.length / 3);
      if (maxDistance === 0 || n <= 0) return [];
      return trigrams
        .candidates(q, CLOSEST_CANDIDATES)
        .map((i) => {
          const name = entries[i]!.name;
          return { i, within: editDistance(q, name, true), whole: editDistance(q, name) };
        })
        .filter((c) => c.within <= maxDistance)
        .sort((a, b) => a.within - b.within || a.whole - b.whole || a.i - b.i)
        .slice(0, n)
        .map((c) => entries[c.i]!.kpi);
    },
  };
}

/** 0 exact, 1 prefix, 2 word start, 3 substring, or NO_MATCH. */
function rankIn(haystack: string, q: string): number {
  let at = haystack.indexOf(q);
  if (at < 0) return NO_MATCH;
  if (at === 0) return haystack.length === q.length ? 0 : 1;
  for (; at >= 0; at = haystack.indexOf(q, at + 1)) {
    if (!isWordChar(haystack.charCodeAt(at - 1))) return 2;
  }
  return 3;
}

/** Letters and digits; anything beyond ASCII that survives normalisation (ß, ø, CJK) counts as a letter. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
}

interface TrigramIndex {
  /** Indices of up to `max` names sharing the most trigrams with `q`. */
  candidates(q: string, max: number): number[];
  /**
   * The ascending indices of the names holding the rarest trigram of `q` (unpadded: `q` may sit
   * anywhere in a name), a superset of the names containing `q`; undefined when `q` is shorter
   * than a trigram.
   */
  rarest(q: string): Int32Array | undefined;
}

const NONE = new Int32Array(0);

/**
 * A trigram as a number: three UTF-16 code units in 48 bits (below 2^53, so exact). Number keys
 * make the index build about three times faster than string slices, which matters because a view
 * (and its index) is rebuilt on every catalogue refresh and every KPI created or edited from Slack.
 */
function gramAt(s: string, i: number): number {
  return (s.charCodeAt(i) * 65_536 + s.charCodeAt(i + 1)) * 65_536 + s.charCodeAt(i + 2);
}

/** The trigrams of ` s ` (padded, so that the first and last letters weigh as much as the others). */
function paddedGrams(s: string): Set<number> {
  const padded = ` ${s} `;
  const grams = new Set<number>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(gramAt(padded, i));
  return grams;
}

/**
 * Posting lists trigram → ascending name indices: a query touches only names sharing a trigram with
 * it. Stored flat (all lists in one Int32Array, each gram's slot giving where its list starts), so
 * that the index is a few objects for the garbage collector to mark, not one array per trigram: it
 * lives as long as the catalogue view, and every major collection pauses the acks for the marking.
 */
function buildTrigramIndex(names: readonly string[]): TrigramIndex {
  const slotOf = new Map<number, number>();
  const counts: number[] = [];
  let last: number[] = [];
  /** Calls `visit(slot, i)` once per distinct trigram of each name, names in order. */
  const eachGram = (visit: (slot: number, i: number) => void): void => {
    last = last.fill(-1);
    names.forEach((name, i) => {
      const padded = ` ${name} `;
      for (let at = 0; at + 3 <= padded.length; at++) {
        const gram = gramAt(padded, at);
        let slot = slotOf.get(gram);
        if (slot === undefined) {
          slot = counts.length;
          slotOf.set(gram, slot);
          counts.push(0);
          last.push(-1);
        }
        if (last[slot] === i) continue;
        last[slot] = i;
        visit(slot, i);
      }
    });
  };
  eachGram((slot) => counts[slot]!++);
  const starts = new Int32Array(counts.length + 1);
  for (let slot = 0; slot < counts.length; slot++) starts[slot + 1] = starts[slot]! + counts[slot]!;
  const postings = new Int32Array(starts[counts.length]!);
  const next = starts.slice(0, counts.length);
  eachGram((slot, i) => {
    postings[next[slot]!++] = i;
  });
  const listOf = (gram: number): Int32Array => {
    const slot = slotOf.get(gram);
    return slot === undefined ? NONE : postings.subarray(starts[slot], starts[slot + 1]);
  };
  return {
    candidates(q, max) {
      const counts = new Uint16Array(names.length);
      const touched: number[] = [];
      for (const gram of paddedGrams(q)) {
        for (const i of listOf(gram)) {
          if (counts[i] === 0) touched.push(i);
          counts[i]!++;
        }
      }
      return touched.sort((a, b) => counts[b]! - counts[a]! || a - b).slice(0, max);
    },
    rarest(q) {
      if (q.length < 3) return undefined;
      let rarest: Int32Array | undefined;
      for (let i = 0; i + 3 <= q.length; i++) {
        const list = listOf(gramAt(q, i));
        if (rarest === undefined || list.length < rarest.length) rarest = list;
        if (rarest.length === 0) break;
      }
      return rarest;
    },
  };
}

/**
 * Edit distance counting an adjacent transposition as one edit ("chrun" → "churn"), the most
 * common typo. With `anyStart`, starting anywhere in `text` is free and the best end is taken:
 * the fewest edits turning `q` into some substring of `text` ("revnue" is 1 from "monthly revenue").
 */
function editDistance(q: string, text: string, anyStart = false): number {
  let before: number[] = [];
  let row = Array.from({ length: text.length + 1 }, (_, j) => (anyStart ? 0 : j));
  for (let i = 1; i <= q.length; i++) {
    const next = [i];
    for (let j = 1; j <= text.length; j++) {
      let d = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (q[i - 1] === text[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && q[i - 1] === text[j - 2] && q[i - 2] === text[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      next[j] = d;
    }
    before = row;
    row = next;
  }
  return anyStart ? Math.min(...row) : row[text.length]!;
}
