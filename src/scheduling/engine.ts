/**
 * The scheduling engine: every registered kind's due work comes from its own due query, each piece
 * of work is claimed before anything is posted, and a subject's schedule advances only once its
 * slot is settled. Any number of engines (replicas, `npm run due`) may run at once on one
 * PostgreSQL database: the claim makes each piece of work go out once.
 *
 * The steps live next door: `scheduled-run.ts` (claim and deliver one due slot), `catch-up.ts`
 * (slots over 24 h old), `retry-policy.ts`, `post-failures.ts`, `deliver.ts` (the outbox),
 * `pacing.ts` and `lanes.ts` (one post at a time per channel).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { ClaimsStore } from './claims.js';
import { buildContents, type CoreContext, type KindContext } from './context.js';
import type { DueCursor, ScheduledKind } from './kind.js';
import { runInLanes } from './lanes.js';
import { Pacer, type PaceLimits } from './pacing.js';
import { ClaimKeeper } from './claim-keeper.js';
import type { PostPort } from './port.js';
import { addSummaries, emptySummary, type RunSummary } from './run-summary.js';
import { claimDue, deliverScheduled, type ClaimedSlot } from './scheduled-run.js';

export interface SchedulingEngineOptions<M> {
  claims: ClaimsStore;
  port: PostPort<M>;
  logger: Logger;
  now?: () => number;
  /** Waits between posts to one channel and after a rate limit; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Names this engine's claims. Default: host, pid and a random part. */
  instanceId?: string;
  /**
   * True when no other engine can be running on this database (the SQLite single-runner lock is
   * held): claims left `sending` by another instance are then dead at once, not after the lease.
   */
  soleEngine?: boolean;
  /** How many channels are posted to at once (one post at a time in each). Default 1. */
  laneConcurrency?: number;
  /** The platform's pace: per channel, and posts per minute across the workspace (`pacing.ts`). */
  pace?: PaceLimits;
}

/** Which due work a run covers: one kind (`--only`), one subject (`--subscription`). */
export interface RunFilter {
  kind?: string;
  subjectId?: string;
}

/** One kind's part in a run, with its types hidden behind the closure. */
interface RegisteredKind {
  name: string;
  run(at: Date, summary: RunSummary, filter: RunFilter): Promise<void>;
  preview(at: Date, filter: RunFilter): Promise<string[] | undefined>;
}

export class SchedulingEngine<M> {
  readonly #core: CoreContext<M>;
  readonly #kinds = new Map<string, RegisteredKind>();
  readonly #laneConcurrency: number;

  constructor(options: SchedulingEngineOptions<M>) {
    const now = options.now ?? Date.now;
    this.#core = {
      claims: options.claims,
      port: options.port,
      pacer: new Pacer({ now, sleep: options.sleep ?? realSleep, ...options.pace }),
      logger: options.logger.child({ component: 'scheduling' }),
      now,
      instanceId: options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      soleEngine: options.soleEngine ?? false,
      haltedWorkspaces: new Map(),
    };
    this.#laneConcurrency = options.laneConcurrency ?? 1;
  }

  /** This engine's name in `claimed_by`. */
  get instanceId(): string {
    return this.#core.instanceId;
  }

  /** The names of the registered kinds, in registration order. */
  get kinds(): string[] {
    return [...this.#kinds.keys()];
  }

  /** Plugs a kind in; returns its context, for the kind's own flows on the core (a digest's Send now). */
  register<S, C>(kind: ScheduledKind<S, C, M>): KindContext<S, C, M> {
    if (this.#kinds.has(kind.name)) throw new Error(`A kind named ${kind.name} is registered already.`);
    const ctx: KindContext<S, C, M> = { ...this.#core, kind, logger: this.#core.logger.child({ kind: kind.name }) };
    this.#kinds.set(kind.name, { name: kind.name, run: (at, summary, filter) => this.#runKind(ctx, at, summary, filter), preview: (at, filter) => preview(kind, at, filter) });
    return ctx;
  }

  /**
   * Runs everything due at `at` (default now), once, kind by kind: slots under 24 h old are sent
   * (late if kpibot was down), older ones recorded `missed`; claims left by a crashed instance
   * are resolved by looking in the channel first. Returns each kind's summary.
   */
  async runDue(at: Date = new Date(this.#core.now()), filter: RunFilter = {}): Promise<Map<string, RunSummary>> {
    if (filter.kind !== undefined && !this.#kinds.has(filter.kind)) throw new Error(`No kind of scheduled work is named ${filter.kind}.`);
    const summaries = new Map<string, RunSummary>();
    for (const kind of this.#kinds.values()) {
      if (filter.kind !== undefined && kind.name !== filter.kind) continue;
      const summary = emptySummary();
      await kind.run(at, summary, filter);
      summaries.set(kind.name, summary);
    }
    return summaries;
  }

  /** `runDue` with the kinds' summaries added up. */
  async runAllDue(at?: Date, filter?: RunFilter): Promise<RunSummary> {
    return addSummaries([...(await this.runDue(at, filter)).values()]);
  }

  /**
   * What each kind would post at `at`, as text, claiming and posting nothing (`--dry-run`): one
   * entry per kind; undefined for a kind when `filter.subjectId` names none of its subjects.
   */
  async preview(at: Date, filter: RunFilter = {}): Promise<Map<string, string[] | undefined>> {
    const previews = new Map<string, string[] | undefined>();
    for (const kind of this.#kinds.values()) {
      if (filter.kind === undefined || kind.name === filter.kind) previews.set(kind.name, await kind.preview(at, filter));
    }
    return previews;
  }

  /**
   * Everything of one kind due at `at`. The due query answers a page at a time (the digests' 500):
   * every page is read and claimed first, then delivered, so that subjects due at one moment share
   * one content build (one batched Gtmhub read) however many pages they fill, and a busy Monday's
   * backlog goes out in one run at the platform's pace. Claims wait in the queue kept alive.
   */
  async #runKind<S, C>(ctx: KindContext<S, C, M>, at: Date, summary: RunSummary, filter: RunFilter): Promise<void> {
    const { kind } = ctx;
    const claimed: ClaimedSlot<S>[] = [];
    const seen = new Set<string>();
    let after: DueCursor | undefined;
    for (;;) {
      const page = await kind.listDue(at, after);
      // A kind that ignores the cursor answers the same subjects again: stop there.
      const fresh = page.filter((subject) => !seen.has(kind.subjectOf(subject).id));
      if (fresh.length === 0) break;
      const last = page[page.length - 1]!;
      after = { slot: kind.slotOf(last), id: kind.subjectOf(last).id };
      for (const subject of fresh) {
        const info = kind.subjectOf(subject);
        seen.add(info.id);
        if (filter.subjectId !== undefined && info.id !== filter.subjectId) continue;
        if (ctx.haltedWorkspaces.has(info.workspace)) continue;
        try {
          const ready = await claimDue(ctx, subject, at, summary);
          if (ready) claimed.push(ready);
        } catch (error) {
          // One bad row (removed meanwhile, a zone luxon no longer knows) must not stop the others.
          summary.retrying += 1;
          ctx.logger.error('could not claim due work', { subjectId: info.id, error });
        }
      }
    }
    await this.#deliverClaimed(ctx, claimed, summary);
    summary.haltedWorkspaces = [...ctx.haltedWorkspaces.keys()];
    if (claimed.length > 0 || summary.missed > 0) ctx.logger.info('run finished', { at: at.toISOString(), ...summary });
  }

  /** Delivers what was claimed: one content build per slot, then one post at a time per lane. */
  async #deliverClaimed<S, C>(ctx: KindContext<S, C, M>, claimed: readonly ClaimedSlot<S>[], summary: RunSummary): Promise<void> {
    const { kind } = ctx;
    // Everything claimed waits its turn; its claims stay alive meanwhile.
    const keeper = new ClaimKeeper({ claims: ctx.claims, instanceId: ctx.instanceId, now: ctx.now, logger: ctx.logger });
    keeper.queue(claimed.map((c) => c.claim.id));
    // One content build per slot: subjects due at one moment share their reads.
    for (const group of groupBySlot(claimed)) {
      const contents = await buildContents(ctx, group.map((c) => c.subject), group[0]!.slot);
      await runInLanes(
        group,
        (item) => item.claim.lane,
        async (item) => {
          await keeper.tick();
          if (!keeper.started(item.claim.id)) return;
          const info = kind.subjectOf(item.subject);
          if (ctx.haltedWorkspaces.has(info.workspace)) {
            await ctx.claims.release(item.claim.id, ctx.instanceId, { error: 'Slack refused the bot token.', countAttempt: false });
            return;
          }
          try {
            await deliverScheduled(ctx, item, contents.get(info.id), summary);
          } catch (error) {
            summary.retrying += 1;
            ctx.logger.error('delivery failed unexpectedly; the claim will be retried after its lease', { subjectId: info.id, error });
          }
        },
        this.#laneConcurrency,
      );
    }
  }
}

/** Each due subject's content at its own slot (a single `subjectId` at `at`), described as the kind describes it. */
async function preview<S, C, M>(kind: ScheduledKind<S, C, M>, at: Date, filter: RunFilter): Promise<string[] | undefined> {
  let subjects: S[];
  if (filter.subjectId !== undefined) {
    const subject = await kind.get(filter.subjectId);
    if (subject === undefined) return undefined;
    subjects = [subject];
  } else {
    subjects = await kind.listDue(at);
  }
  const texts: string[] = [];
  for (const subject of subjects) {
    const slot = filter.subjectId !== undefined ? at : kind.slotOf(subject);
    const { id, lane } = kind.subjectOf(subject);
    const content = (await kind.build([subject], slot)).get(id);
    if (content === undefined) texts.push(`── ${kind.name} ${id}: no content built`);
    else texts.push(kind.describe ? kind.describe(subject, content) : `── ${kind.name} ${id} → channel ${lane}: ${kind.render(content).kind}`);
  }
  return texts;
}

function groupBySlot<S>(claimed: readonly ClaimedSlot<S>[]): ClaimedSlot<S>[][] {
  const groups = new Map<number, ClaimedSlot<S>[]>();
  for (const item of claimed) {
    const group = groups.get(item.slot.getTime()) ?? [];
    group.push(item);
    groups.set(item.slot.getTime(), group);
  }
  return [...groups.values()];
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
