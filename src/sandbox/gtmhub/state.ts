/**
 * The simulator's in-memory account: KPIs, groups, snapshots, insights and favorites. Handlers and
 * tests share it; tests may read the maps directly and should write through the helpers (or replace
 * a KPI with `kpis.set`), because derived data (sorted orders, period dates) is cached per version.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { parsePeriod, type Period } from '../../gtmhub/periods.js';
import { compareText, type ListOrdering, type UnsortedListOrder } from './list-order.js';
import { createObjectIdGenerator, type IdGenerator } from './object-ids.js';
import { mulberry32 } from './random.js';

/** A snapshot as posted: its `group` label is kept as is, `startDate` is derived from it. */
export interface StoredSnapshot {
  id: string;
  kpiId: string;
  group: string;
  timeZone: string;
  value: number;
  dateCreated: string;
  /** First day of `group` (`YYYY-MM-DD`): what a read relabels the snapshot by. */
  startDate: string;
}

/** An insight (Gtmhub's saved query), addressed by its name/slug, e.g. `weekly-revenue`. */
export interface Insight {
  name: string;
  title: string;
}

export interface GroupRecord {
  id: string;
  name: string;
}

/** A Gtmhub user of the account, as `GET /v2/users` lists it. */
export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface SimStateOptions {
  accountId: string;
  now: () => Date;
  /** Seeds the id generator, so ids of created KPIs are reproducible for one clock. */
  seed?: number;
  /**
   * What list endpoints answer without `sort`: `unstable` (default) gives every request its own
   * order, as Gtmhub's paging page warns; `stable` sorts KPIs and groups by name, users by id.
   */
  unsortedListOrder?: UnsortedListOrder;
  /** Seeds the unstable orders; default 7. */
  listOrderSeed?: number;
}

export interface NewSnapshot {
  kpiId: string;
  group: string;
  timeZone: string;
  value: number;
  dateCreated?: string;
}

/** A Map that reports every write, so caches derived from it know when they are stale. */
class WatchedMap<K, V> extends Map<K, V> {
  onChange: () => void = () => {};
  override set(key: K, value: V): this {
    super.set(key, value);
    this.onChange();
    return this;
  }
  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.onChange();
    return deleted;
  }
  override clear(): void {
    super.clear();
    this.onChange();
  }
}

const DEFAULT_FORMATTING = { fractionSize: 0, prefix: '', suffix: '' };

export class SimState implements ListOrdering {
  readonly accountId: string;
  readonly kpis: Map<string, Kpi>;
  readonly groups: Map<string, GroupRecord> = new Map();
  /** The account's users by id (`GET /v2/users`). */
  readonly users: Map<string, UserRecord> = new Map();
  /** When true, `GET /v2/users` answers 403: the token's user may not list users. */
  usersListForbidden = false;
  unsortedOrder: UnsortedListOrder;
  readonly orderSeed: number;
  private unsortedRequests = 0;
  /** Snapshots by KPI id, in posting order: reads touch only the KPIs they ask for. */
  readonly snapshots: Map<string, StoredSnapshot[]> = new Map();
  readonly insights: Map<string, Insight> = new Map();
  /** Favorite group ids by user id. */
  readonly favorites: Map<string, Set<string>> = new Map();
  readonly newId: IdGenerator;

  private readonly now: () => Date;
  private kpiVersion = 0;
  private readonly memo = new Map<string, unknown>();
  private memoVersion = -1;
  private readonly periods = new Map<string, Period>();

  constructor(options: SimStateOptions) {
    this.accountId = options.accountId;
    this.now = options.now;
    this.newId = createObjectIdGenerator(mulberry32(options.seed ?? 0x6b7069), options.now);
    this.unsortedOrder = options.unsortedListOrder ?? 'unstable';
    this.orderSeed = options.listOrderSeed ?? 7;
    const kpis = new WatchedMap<string, Kpi>();
    kpis.onChange = () => {
      this.kpiVersion++;
    };
    this.kpis = kpis;
  }

  nextRequestNumber(): number {
    return this.unsortedRequests++;
  }

  /** Bumped on every KPI write; derived caches compare against it. */
  get version(): number {
    return this.kpiVersion;
  }

  /**
   * A value computed from the KPIs, kept until the next KPI write: the sorted order of `GET /v2/kpis`
   * and filtered lists, so paging through 20,000 KPIs does not sort them again for every page.
   */
  cached<T>(key: string, compute: () => T): T {
    if (this.memoVersion !== this.kpiVersion) {
      this.memo.clear();
      this.memoVersion = this.kpiVersion;
    }
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    // Filters are client-chosen; bound the memo so a long sandbox session cannot grow it forever.
    if (this.memo.size >= 64) this.memo.clear();
    this.memo.set(key, value);
    return value;
  }

  /** Adds a KPI with defaults for everything not given; returns it. */
  addKpi(fields: Partial<Kpi> & { name: string }, byUserId = 'u-sandbox'): Kpi {
    const at = this.now().toISOString();
    const id = fields.id ?? this.unusedId(this.kpis);
    const kpi: Kpi = {
      id,
      accountId: this.accountId,
      description: '',
      richTextDescription: '',
      aggregation: 'last',
      targetOperator: 'should_increase',
      formatting: { ...DEFAULT_FORMATTING },
      groups: [],
      ownerId: byUserId,
      ownerIds: [fields.ownerId ?? byUserId],
      insightLink: null,
      createdById: byUserId,
      modifiedById: byUserId,
      dateCreated: at,
      dateUpdated: at,
      ...fields,
    };
    this.kpis.set(id, kpi);
    return kpi;
  }

  /** Removes a KPI and its snapshots, as `DELETE /v1/kpis/{id}` does. */
  removeKpi(id: string): boolean {
    this.snapshots.delete(id);
    return this.kpis.delete(id);
  }

  addGroup(name: string, id?: string): GroupRecord {
    const group = { id: id ?? this.unusedId(this.groups), name };
    this.groups.set(group.id, group);
    return group;
  }

  /** Removes a group, its favorites, and its id from every KPI. */
  removeGroup(id: string): boolean {
    if (!this.groups.delete(id)) return false;
    for (const favorites of this.favorites.values()) favorites.delete(id);
    for (const kpi of this.kpis.values()) {
      if (kpi.groups.includes(id)) this.kpis.set(kpi.id, { ...kpi, groups: kpi.groups.filter((g) => g !== id) });
    }
    return true;
  }

  /** Adds (or replaces) a user; `email` is kept as given, matched without case by the list filter. */
  addUser(user: UserRecord): UserRecord {
    this.users.set(user.id, { ...user });
    return user;
  }

  addInsight(name: string, title = name): Insight {
    const insight = { name, title };
    this.insights.set(name, insight);
    return insight;
  }

  removeInsight(name: string): boolean {
    return this.insights.delete(name);
  }

  /** Stores a snapshot as posted; throws `PeriodFormatError` for a label that is not a period. */
  addSnapshot(input: NewSnapshot): StoredSnapshot {
    const snapshot: StoredSnapshot = {
      id: this.newId(),
      kpiId: input.kpiId,
      group: input.group,
      timeZone: input.timeZone,
      value: input.value,
      dateCreated: input.dateCreated ?? this.now().toISOString(),
      startDate: this.period(input.group).startDate,
    };
    this.pushSnapshot(snapshot);
    return snapshot;
  }

  /** Appends a ready-made snapshot (demo data builds hundreds of thousands; no per-item parsing). */
  pushSnapshot(snapshot: StoredSnapshot): void {
    const list = this.snapshots.get(snapshot.kpiId);
    if (list) list.push(snapshot);
    else this.snapshots.set(snapshot.kpiId, [snapshot]);
  }

  snapshotsOf(kpiId: string): readonly StoredSnapshot[] {
    return this.snapshots.get(kpiId) ?? [];
  }

  get snapshotCount(): number {
    let n = 0;
    for (const list of this.snapshots.values()) n += list.length;
    return n;
  }

  /** A period label parsed once: snapshot reads relabel the same few dates over and over. */
  period(label: string): Period {
    let period = this.periods.get(label);
    if (!period) {
      period = parsePeriod(label);
      this.periods.set(label, period);
    }
    return period;
  }

  setFavorite(userId: string, groupId: string, favorite: boolean): void {
    let set = this.favorites.get(userId);
    if (!set) {
      set = new Set();
      this.favorites.set(userId, set);
    }
    if (favorite) set.add(groupId);
    else set.delete(groupId);
  }

  isFavorite(userId: string, groupId: string): boolean {
    return this.favorites.get(userId)?.has(groupId) ?? false;
  }

  private unusedId(taken: Map<string, unknown>): string {
    let id = this.newId();
    while (taken.has(id)) id = this.newId();
    return id;
  }
}

export { compareText };
