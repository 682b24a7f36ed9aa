/**
 * The digests on the scheduling core: registers the digest kind with an engine, and offers what
 * the app and the operator command do with digests — run the due ones, Send now.
 */
import type { KindContext } from '../scheduling/context.js';
import type { SchedulingEngine } from '../scheduling/engine.js';
import type { RunSummary } from '../scheduling/run-summary.js';
import { emptySummary } from '../scheduling/run-summary.js';
import { digestKind, type DigestKindOptions } from './kind.js';
import type { DigestReport } from './report.js';
import { sendNow, type SendNowResult } from './send-now.js';
import { DIGEST_KIND, type DigestSubscription } from './types.js';

export interface Digests {
  /** Runs the digests due at `at` (default now); `only.subscriptionId` limits the run to one. */
  runDue(at?: Date, only?: { subscriptionId?: string }): Promise<RunSummary>;
  /** Posts the last complete week's digest now; see `send-now.ts`. */
  sendNow(subscriptionId: string): Promise<SendNowResult>;
}

export function registerDigests<M>(engine: SchedulingEngine<M>, options: DigestKindOptions<M>): Digests {
  // `let`, not `const`: the callback below reads it, and a const would throw in its temporal dead zone
  // instead of saying what went wrong if it ever ran during register().
  let ctx: KindContext<DigestSubscription, DigestReport, M> | undefined;
  // eslint-disable-next-line prefer-const -- see above
  ctx = engine.register(
    digestKind(options, () => {
      if (!ctx) throw new Error('The digest kind ran before it was registered.');
      return ctx;
    }),
  );
  const registered = ctx;
  return {
    async runDue(at, only) {
      const summaries = await engine.runDue(at, { kind: DIGEST_KIND, ...(only?.subscriptionId !== undefined ? { subjectId: only.subscriptionId } : {}) });
      return summaries.get(DIGEST_KIND) ?? emptySummary();
    },
    sendNow: (subscriptionId) => sendNow(registered, subscriptionId),
  };
}
