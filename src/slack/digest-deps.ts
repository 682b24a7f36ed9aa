import type { SendNowResult } from '../digest/engine.js';
import type { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';

/** What the `/kpi digest` listeners need besides the common SlackDeps (wired in src/kpibot.ts). */
export interface DigestSlackDeps {
  subscriptions: Pick<DigestSubscriptionsRepository, 'create' | 'update' | 'get' | 'listByChannel' | 'pause' | 'resume' | 'remove'>;
  /** Posts a subscription's digest at once, outside its schedule (the engine's `sendNow`). */
  sendNow(subscriptionId: string): Promise<SendNowResult>;
}
