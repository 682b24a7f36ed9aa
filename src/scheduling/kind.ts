/**
 * What a kind of scheduled work (digests, and later reminders and alerts) gives the core: its due
 * query, its claim key, what it builds and how it posts. Everything else — the heartbeat, the
 * single-runner lock, claims and leases, retries and backoff, catch-up, pacing, and what to do
 * when the post fails — is the core's, the same for every kind.
 *
 * `S` is the kind's subject (a digest subscription), `C` what it builds for one slot (a digest
 * report, as data), `M` a message as the post port takes it (rendered by the kind's `render`).
 */
import type { MessageKey } from './port.js';

/** Where the previous page of a due query ended: its last subject's slot and id. */
export interface DueCursor {
  slot: Date;
  id: string;
}

/** Where a subject's work goes and who answers for it. */
export interface SubjectInfo {
  id: string;
  /** Where it posts (a channel id). */
  lane: string;
  /** The workspace whose token posts it: a refused token halts all of that workspace's work. */
  workspace: string;
  /** Who gets a direct message when the work needs a person (its lane is gone). */
  ownerUserId: string;
}

/**
 * How a slot ended: `done` (sent or skipped) resets the failure count, `failed` adds one, and
 * `missed` (kpibot was not running) leaves it as it was.
 */
export type SlotOutcome = { kind: 'done' } | { kind: 'failed'; error: string | null } | { kind: 'missed' };

/** A slot's content as messages, or why there is nothing to post. */
export type Rendered<M> = { kind: 'post'; messages: M[] } | { kind: 'skip'; reason: string };

/**
 * What a claimed slot does before it is delivered (digests: whether Send now already posted that
 * week): `go`; `skip` it (settled `skipped` with the reason, the schedule moves on); or `wait` (the
 * claim is given back uncounted, `busy` or `retrying` in the run's summary).
 */
export type Gate = { kind: 'go' } | { kind: 'skip'; reason: string } | { kind: 'wait'; reason: string; summary: 'busy' | 'retrying' };

/** The sentences the core says when a kind's post needs attention (one sentence each, saying what to do). */
export interface Attention {
  /** Why the subject was paused (shown where its owner manages it). */
  pausedReason(code: string, lane: string): string;
  /** The direct message to its owner. */
  ownerNotice(code: string, lane: string): string;
  /** The one log line when the workspace's token is refused. */
  tokenRefusedLogLine(code: string, workspace: string): string;
  /** What a person who asked for the work at once is told when the token is refused. */
  tokenRefused(code: string): string;
  rateLimited(): string;
  refused(code: string): string;
  unknownOutcome(): string;
  /** The sentence for content that could not be built (`error` when building threw). */
  notBuilt(error: Error | undefined): string;
}

export interface ScheduledKind<S, C, M> {
  /** The claims' `kind`, and the name `npm run due -- --only <name>` takes. */
  readonly name: string;
  /**
   * The due query: subjects whose slot is at or before `at`, in (slot, id) order. A query that
   * answers a page at a time must honour `after` (the subjects strictly after that one in this
   * order): the core reads every page and claims all of it before delivering, so that subjects due
   * at one moment share one content build however many pages they fill.
   */
  listDue(at: Date, after?: DueCursor): Promise<S[]>;
  /** One subject by id (the operator command's `--subscription`), or undefined. */
  get(id: string): Promise<S | undefined>;
  subjectOf(subject: S): SubjectInfo;
  /** The subject's next slot as stored. */
  slotOf(subject: S): Date;
  /** The first slot strictly after `after`. */
  nextSlot(subject: S, after: Date): Date;
  /** Moves the stored slot from `from` to `to` (compare-and-set: false when someone moved it already). */
  advance(subject: S, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean>;
  /** Unique within the kind: the work of one slot. */
  claimKey(subject: S, slot: Date): string;
  /** What the slot's messages carry in their metadata. */
  messageKey(subject: S, slot: Date): MessageKey;
  /** Builds the content of subjects due at one slot (sharing reads); throws when it cannot. */
  build(subjects: readonly S[], slot: Date): Promise<Map<string, C>>;
  /** How the content posts: its messages, or a skip. */
  render(content: C): Rendered<M>;
  /** Stops the subject's schedule with a reason, when its lane is gone. */
  pause(subject: S, reason: string): Promise<void>;
  attention: Attention;
  /** Optional: the content as plain text, for `npm run due -- --dry-run`. */
  describe?: (subject: S, content: C) => string;
  /**
   * Optional: what the kind keeps of a post it made (a check-in remembers its DM, to update it in
   * place). Runs before the claim settles `sent` — again after a crash, for a post found in the
   * lane — so it must be idempotent; when it throws, the claim stays unsettled and is retried.
   */
  recordSent?(subject: S, slot: Date, content: C, messageRef: string): Promise<void>;
  /** Optional: a claimed slot's last check before delivery. */
  gate?(subject: S, slot: Date, at: Date): Promise<Gate>;
}
