import type { SendNowResult } from '../digests/send-now.js';
import type { DigestSubscriptions } from '../digests/subscriptions.js';

/** What the `/kpi digest` listeners need besides the common SlackDeps (wired in src/runtime.ts). */
export interface DigestSlackDeps {
  subscriptions: Pick<DigestSubscriptions, 'create' | 'update' | 'get' | 'listByChannel' | 'pause' | 'resume' | 'remove'>;
  /** Posts a subscription's digest at once, outside its schedule (the digests' `sendNow`). */
  sendNow(subscriptionId: string): Promise<SendNowResult>;
}
