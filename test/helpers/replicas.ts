import { readConfig } from '../../src/config.js';
import { startKpibot, type RunningKpibot } from '../../src/kpibot.js';
import { createMemoryLogger } from '../../src/log.js';
import type { GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import type { SlackSimulator } from '../../src/sandbox/slack/index.js';
import type { FakeClock } from './fake-clock.js';
import type { StorePlace } from './stores.js';

/**
 * Two kpibot app instances — each its own composition root, PostgreSQL pool and scheduling engine —
 * on one PostgreSQL schema (`place`), one Gtmhub and one Slack, on one clock. The heartbeat is off,
 * so that the test decides when each replica runs its due work.
 */
export function startReplicas(options: { gtmhub: GtmhubSimulator; slack: SlackSimulator; place: StorePlace; clock: FakeClock; signingSecret: string }): Promise<RunningKpibot[]> {
  const { gtmhub, slack, place, clock } = options;
  const config = readConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    GTMHUB_API_URL: gtmhub.url,
    GTMHUB_TOKEN: gtmhub.token,
    GTMHUB_ACCOUNT_ID: gtmhub.accountId,
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    PORT: '0',
  });
  return Promise.all([1, 2].map(() => startKpibot({ config, logger: createMemoryLogger('info'), store: { schema: place.schema! }, clock, scheduling: { scheduler: false } })));
}
