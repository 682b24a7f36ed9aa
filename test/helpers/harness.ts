/**
 * The end-to-end harness: the real kpibot (Bolt over HTTP on port 0) against the Gtmhub and Slack
 * simulators, with a real store (an SQLite file, or a PostgreSQL schema), driven by requests
 * signed as Slack signs them. Nothing in between is mocked.
 */
import { readConfig } from '../../src/config.js';
import { startKpibot, type KpibotOptions, type RunningKpibot } from '../../src/kpibot.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type Fault, type FaultTarget, type GtmhubSimulator, type GtmhubSimulatorOptions } from '../../src/sandbox/gtmhub/index.js';
import { createSlackDriver, SLACK_ACK_TIMEOUT_MS, startSlackSimulator, type SlackDriver, type SlackSimulator, type SlackSimulatorOptions } from '../../src/sandbox/slack/index.js';
import type { Dialect } from '../../src/store/database.js';
import { FakeClock } from './fake-clock.js';
import { freshStorePlace } from './stores.js';

export const SIGNING_SECRET = 'e2e-signing-secret';

/**
 * Where a harness's clock starts unless a test says otherwise: a Wednesday at 10:00 UTC, the same
 * ISO week in every time zone, so that no test depends on when it runs.
 */
export const HARNESS_START = '2026-11-25T10:00:00.000Z';

export interface Harness {
  gtmhub: GtmhubSimulator;
  slack: SlackSimulator;
  kpibot: RunningKpibot;
  /** kpibot's clock, and the Gtmhub simulator's: nothing times out until the test moves it. */
  clock: FakeClock;
  driver: SlackDriver;
  logs: string[];
  appUrl: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dialect?: Dialect;
  gtmhub?: GtmhubSimulatorOptions;
  slack?: SlackSimulatorOptions;
  env?: Record<string, string>;
  /** Default: a `FakeClock` at `HARNESS_START`. */
  clock?: FakeClock;
  /** Gtmhub faults set before kpibot starts, so that even its first catalogue load meets them. */
  gtmhubFaults?: Partial<Record<FaultTarget, Fault>>;
  /** Gtmhub is gone before kpibot starts: every connection to it is refused, the first load's too. */
  gtmhubDown?: boolean;
  /** The scheduler's options (`sleep`: how the delivery pace waits; default the clock's, which passes at once). */
  scheduling?: KpibotOptions['scheduling'];
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new FakeClock(HARNESS_START);
  // The simulator's demo history and timestamps follow kpibot's clock, so "this week" is one week.
  const gtmhub = await startGtmhubSimulator({ now: () => new Date(clock.now()), ...options.gtmhub });
  if (options.gtmhubDown) await gtmhub.close();
  for (const [target, fault] of Object.entries(options.gtmhubFaults ?? {})) gtmhub.faults.set(target as FaultTarget, fault);
  const slack = await startSlackSimulator(options.slack);
  const place = await freshStorePlace(options.dialect ?? 'sqlite');
  const logger = createMemoryLogger('debug');
  const config = readConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    GTMHUB_API_URL: gtmhub.url,
    GTMHUB_TOKEN: gtmhub.token,
    GTMHUB_ACCOUNT_ID: gtmhub.accountId,
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...(place.dialect === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL! } : {}),
    ...options.env,
  });
  let kpibot: RunningKpibot;
  try {
    kpibot = await startKpibot({
      config,
      logger,
      store: place.sqlitePath ? { sqlitePath: place.sqlitePath } : { schema: place.schema! },
      clock,
      ...(options.scheduling ? { scheduling: options.scheduling } : {}),
    });
  } catch (error) {
    // Leave nothing behind (servers, a schema) when kpibot does not start, e.g. its port was taken.
    await Promise.allSettled([gtmhub.close(), slack.close(), place.remove()]);
    throw error;
  }
  const appUrl = `http://127.0.0.1:${kpibot.port}`;
  // Every request fails like Slack's operation_timeout when the app answers after 3 s. The driver
  // signs with the real time (Bolt checks it) and measures the 3 s on the acknowledgement alone:
  // from sending the request to the end of the app's HTTP answer.
  const driver = createSlackDriver({ appUrl: `${appUrl}/slack/events`, signingSecret: SIGNING_SECRET, slack, ackWithinMs: SLACK_ACK_TIMEOUT_MS });
  return {
    gtmhub,
    slack,
    kpibot,
    clock,
    driver,
    logs: logger.lines,
    appUrl,
    async close() {
      await kpibot.stop({ drainMs: 5_000 });
      await Promise.all([gtmhub.close(), slack.close()]);
      await place.remove();
    },
  };
}

/** The texts of everything posted to response URLs (ephemeral replies), newest last. */
export function replyTexts(slack: SlackSimulator): string[] {
  return slack.responses.map((r) => JSON.stringify(r.body));
}
