/**
 * Weekly digests as a kind of scheduled work: the due query is the subscriptions' `next_run_at`,
 * a slot's claim key names the subscription, the week it reports on and the trigger, the content
 * is a report (data) built with shared Gtmhub reads, and it posts as the messages its renderer
 * makes (Block Kit, rendered under slack/views/digests, wired by the runtime).
 */
import type { KindContext } from '../scheduling/context.js';
import type { Attention, DueCursor, Rendered, ScheduledKind, SlotOutcome } from '../scheduling/kind.js';
import { digestClaimKey, digestMessageKey } from './keys.js';
import { ALREADY_SENT_ON_REQUEST, sendNowOfWeek } from './once-a-week.js';
import type { DigestContentSource, DigestReport } from './report.js';
import { nextRunAt, periodForRun } from './schedule.js';
import { DIGEST_KIND, type DigestSubscription } from './types.js';

/** The `skipped` reason of a slot whose subscription was removed while it was being claimed. */
export const SUBSCRIPTION_REMOVED = 'The subscription was removed.';

/** What the digest kind needs of the subscriptions store. */
export interface DueDigestSubscriptions {
  listDue(at: Date, after?: DueCursor): Promise<DigestSubscription[]>;
  get(id: string): Promise<DigestSubscription | undefined>;
  advance(id: string, from: Date, to: Date, outcome: SlotOutcome): Promise<boolean>;
  pause(id: string, reason: string): Promise<unknown>;
}

export interface DigestKindOptions<M> {
  subscriptions: DueDigestSubscriptions;
  content: DigestContentSource;
  /** The report as messages (slack/views/digests/compose.ts `renderDigest`, with the owner mapping). */
  render(report: DigestReport): Rendered<M>;
  /** What kpibot says when a digest needs a person (slack/views/digests/attention.ts). */
  attention: Attention;
  /** The report as plain text for `--dry-run` (slack/views/digests/plain-text.ts). */
  describe?: (subscription: DigestSubscription, report: DigestReport) => string;
}

/**
 * The kind, with its gate reading the core through `context()` (the context exists once the kind
 * is registered): a scheduled week that Send now posted is skipped.
 */
export function digestKind<M>(
  options: DigestKindOptions<M>,
  context: () => KindContext<DigestSubscription, DigestReport, M>,
): ScheduledKind<DigestSubscription, DigestReport, M> {
  const { subscriptions } = options;
  return {
    name: DIGEST_KIND,
    listDue: (at, after) => subscriptions.listDue(at, after),
    get: (id) => subscriptions.get(id),
    subjectOf: (s) => ({ id: s.id, lane: s.channelId, workspace: s.teamId, ownerUserId: s.ownerUserId }),
    slotOf: (s) => s.nextRunAt,
    nextSlot: (s, after) => nextRunAt(s, after),
    advance: (s, from, to, outcome) => subscriptions.advance(s.id, from, to, outcome),
    claimKey: (s, slot) => digestClaimKey(s.id, periodForRun(slot, s.zone), 'schedule'),
    messageKey: (s, slot) => digestMessageKey(s.id, periodForRun(slot, s.zone), 'schedule'),
    build: (subjects, slot) => options.content.build(subjects, slot),
    render: (report) => options.render(report),
    pause: async (s, reason) => {
      await subscriptions.pause(s.id, reason);
    },
    attention: options.attention,
    ...(options.describe ? { describe: options.describe } : {}),
    async gate(s, slot, at) {
      // Removed between the due query and the claim: the claims table has no foreign key to the
      // subscriptions (it serves every kind), so the digest checks instead of posting for nobody.
      if ((await subscriptions.get(s.id)) === undefined) return { kind: 'skip', reason: SUBSCRIPTION_REMOVED };
      switch (await sendNowOfWeek(context(), s, periodForRun(slot, s.zone), at)) {
        case 'sent':
          return { kind: 'skip', reason: ALREADY_SENT_ON_REQUEST };
        case 'in_progress':
          return { kind: 'wait', reason: "Send now was posting this week's digest.", summary: 'busy' };
        case 'unknown':
          return { kind: 'wait', reason: 'Slack could not be searched for a Send now digest of this week.', summary: 'retrying' };
        case 'not_sent':
          return { kind: 'go' };
      }
    },
  };
}
