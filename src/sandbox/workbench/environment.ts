/**
 * The whole bot on one machine: the Gtmhub simulator with demo data, the Slack simulator, and
 * kpibot itself (the real composition root) configured to talk to both, plus a driver that sends
 * Slack-signed requests to it. Used by `npm run sandbox`, its tests and the benchmarks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readConfig } from '../../config.js';
import { startKpibot, type RunningKpibot } from '../../kpibot.js';
import { createLogger, type Logger, type LogLevel } from '../../log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../gtmhub/index.js';
import { createSlackDriver, defaultChannels, defaultUsers, demoSlackMembers, saveUploadsTo, startSlackSimulator, type SimChannel, type SimUser, type SlackDriver, type SlackSimulator } from '../slack/index.js';

export interface SandboxOptions {
  /** How many demo KPIs the Gtmhub simulator holds. Default 24. */
  kpis?: number;
  /** Weeks of demo history per KPI. Default the simulator's (26). */
  weeks?: number;
  /** kpibot's HTTP port. Default 3000; 0 picks a free one. */
  port?: number;
  /** DATABASE_URL for kpibot; default an SQLite file at `sqlitePath`. */
  databaseUrl?: string;
  /** Default `data/sandbox.sqlite` (relative to the working directory). */
  sqlitePath?: string;
  /** kpibot's log level. Default info. */
  logLevel?: LogLevel;
  /** Where kpibot's log lines go besides the sandbox's ring buffer (e.g. stderr with --verbose). */
  echoLogs?: (line: string) => void;
  /** Where each image kpibot uploads to Slack is written (`<file id>-<name>`), and who hears the path. */
  uploads?: { dir: string; print: (path: string) => void };
}

export interface Sandbox {
  gtmhub: GtmhubSimulator;
  slack: SlackSimulator;
  kpibot: RunningKpibot;
  driver: SlackDriver;
  /** The Slack simulator's members and channels (the workbench's `users`, `as`, `in`). */
  users: SimUser[];
  channels: SimChannel[];
  /** kpibot's base URL, e.g. `http://127.0.0.1:3000`. */
  appUrl: string;
  /** kpibot's most recent log lines (JSON), oldest first. */
  logs: string[];
  close(): Promise<void>;
}

export const DEFAULT_SANDBOX_SQLITE = 'data/sandbox.sqlite';

/**
 * Turns personal tokens (/kpi connect) on. Fixed rather than random, so the sandbox database stays
 * readable from one run to the next; it only ever encrypts the simulator's made-up tokens.
 */
const SANDBOX_SECRET_KEY = createHash('sha256').update('kpibot sandbox: simulator tokens only').digest('base64');

/** The Gtmhub simulator token a sandbox member can paste into /kpi connect, e.g. `gtmhub-token-u0admin`. */
export function sandboxGtmhubToken(slackUserId: string): string {
  return `gtmhub-token-${slackUserId.toLowerCase()}`;
}
/** Enough to see what led to a failure without the buffer growing through a long session. */
const KEPT_LOG_LINES = 500;

export class SandboxStartError extends Error {
  readonly code = 'sandbox_start' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxStartError';
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logs: string[] = [];
  const logger: Logger = createLogger({
    level: options.logLevel ?? 'info',
    write: (line) => {
      logs.push(line);
      if (logs.length > KEPT_LOG_LINES) logs.splice(0, logs.length - KEPT_LOG_LINES);
      options.echoLogs?.(line);
    },
  });
  const users = defaultUsers();
  // The demo KPIs' owners as Slack members (matched by email, with every case matching must get right).
  const members = [...users, ...demoSlackMembers()];
  const channels = defaultChannels();
  const gtmhub = await startGtmhubSimulator({
    demo: { kpiCount: options.kpis ?? 24, ...(options.weeks !== undefined ? { weeks: options.weeks } : {}) },
  });
  // A personal Gtmhub token per member, so that /kpi connect can be tried: see sandboxGtmhubToken.
  for (const user of users.filter((u) => !u.is_bot)) gtmhub.addToken(sandboxGtmhubToken(user.id), { userId: `u-${user.id.toLowerCase()}`, name: user.real_name });
  const slack = await startSlackSimulator({ users: members, channels, ...(options.uploads ? { onFileUploaded: saveUploadsTo(options.uploads.dir, options.uploads.print) } : {}) });
  // Only the driver signs requests, so any secret does; a fresh one per run keeps it out of the repository.
  const signingSecret = randomBytes(16).toString('hex');
  const port = options.port ?? 3000;
  let kpibot: RunningKpibot;
  try {
    const config = readConfig({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      GTMHUB_API_URL: gtmhub.url,
      GTMHUB_TOKEN: gtmhub.token,
      GTMHUB_ACCOUNT_ID: gtmhub.accountId,
      PORT: String(port),
      LOG_LEVEL: options.logLevel ?? 'info',
      KPIBOT_SECRET_KEY: SANDBOX_SECRET_KEY,
      ...(options.databaseUrl !== undefined ? { DATABASE_URL: options.databaseUrl } : {}),
    });
    kpibot = await startKpibot({
      config,
      logger,
      ...(options.databaseUrl === undefined ? { store: { sqlitePath: options.sqlitePath ?? DEFAULT_SANDBOX_SQLITE } } : {}),
    });
  } catch (error) {
    await Promise.allSettled([gtmhub.close(), slack.close()]);
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    throw new SandboxStartError(
      inUse
        ? `Port ${port} is in use: pass --port <another port>, or --port 0 for any free one.`
        : `kpibot did not start in the sandbox: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const appUrl = `http://127.0.0.1:${kpibot.port}`;
  const driver = createSlackDriver({ appUrl: `${appUrl}/slack/events`, signingSecret, slack });
  let closing: Promise<void> | undefined;
  return {
    gtmhub,
    slack,
    kpibot,
    driver,
    users: members,
    channels,
    appUrl,
    logs,
    close: () =>
      (closing ??= (async () => {
        await kpibot.stop({ drainMs: 5_000 });
        await Promise.allSettled([gtmhub.close(), slack.close()]);
      })()),
  };
}
