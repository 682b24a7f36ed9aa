import { GTMHUB_API_BASE_URLS } from './gtmhub/assumptions.js';
import type { LogLevel } from './log.js';
import { resolveStoreLocation } from './store/location.js';

/**
 * kpibot's configuration, read once at start by a pure function of the environment
 * (the only place that knows the variable names). Every problem is listed in one error,
 * each with what to do about it.
 */
export interface Config {
  slack: {
    /** SLACK_BOT_TOKEN: the bot token (xoxb-…) from "OAuth & Permissions". */
    botToken: string;
    /** SLACK_SIGNING_SECRET: verifies that requests come from Slack (HTTP mode). */
    signingSecret: string;
    /** SLACK_APP_TOKEN: an app-level token (xapp-…) with connections:write; when set, Socket Mode. */
    appToken?: string;
    /** SLACK_API_URL: where the Web API lives; default Slack's (the sandbox points it at its simulator). */
    apiUrl: string;
  };
  gtmhub: {
    /** GTMHUB_API_URL: default https://app.gtmhub.com/api; the client appends /v1/… and /v2/…. */
    apiUrl: string;
    /** GTMHUB_TOKEN: the workspace API token used for everyone without a personal token. */
    token: string;
    /** GTMHUB_ACCOUNT_ID: sent as the gtmhub-accountId header. */
    accountId: string;
  };
  /** DATABASE_URL: unset → an SQLite file under ./data; postgres://… → PostgreSQL. */
  databaseUrl?: string;
  /** PORT: HTTP port (default 3000; 0 picks a free one, as the tests do). */
  port: number;
  /** LOG_LEVEL: debug | info | warn | error (default info). */
  logLevel: LogLevel;
  /** KPIBOT_ADMINS: Slack user ids allowed to administer KPIs besides workspace admins and owners. */
  admins: string[];
  /** KPIBOT_SECRET_KEY: 32 bytes, base64; encrypts personal Gtmhub tokens. Unset → /kpi connect is off. */
  secretKey?: Buffer;
  /**
   * KPIBOT_SCHEDULER (alias: KPIBOT_DIGEST_SCHEDULER, its older name): `on` (default) — the app
   * sends all scheduled work that is due (weekly digests, …) from its own once-a-minute heartbeat;
   * `off` — it sends none by itself (Send now still works) and holds no SQLite scheduler lock, for
   * deployments that run `npm run due` from cron or Heroku Scheduler instead.
   */
  scheduler: 'on' | 'off';
  /**
   * KPIBOT_ALERT_POLL_MINUTES: how often each alert rule's KPIs are read from Gtmhub to notice
   * values recorded outside Slack (default 5, from 1 to 1440). Values recorded from Slack are
   * checked at once whatever this says.
   */
  alertPollMinutes: number;
  /** KPIBOT_UNFURL: `on` (default) — Gtmhub KPI links posted in Slack unfurl into the KPI's card; `off` — never. */
  unfurl: boolean;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_GTMHUB_API_URL = 'https://app.gtmhub.com/api';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`kpibot cannot start; fix these settings (see README.md, "Configuration"):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function readConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const required = (name: string, hint: string): string => {
    const v = value(name);
    if (v === undefined) problems.push(`${name} is not set: ${hint}`);
    return v ?? '';
  };

  const botToken = required('SLACK_BOT_TOKEN', 'copy the Bot User OAuth Token (xoxb-…) from your Slack app\'s "OAuth & Permissions" page.');
  if (botToken && !botToken.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (not a user or app-level token).');
  } else if (botToken && !/^xoxb-[A-Za-z0-9-]+$/.test(botToken)) {
    // e.g. the "xoxb-…" placeholder of .env.example, which no HTTP header can even carry.
    problems.push('SLACK_BOT_TOKEN is not a real token (only letters, digits and dashes follow "xoxb-"): copy the Bot User OAuth Token from your Slack app.');
  }

  const appToken = value('SLACK_APP_TOKEN');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-" with the connections:write scope ("Basic Information" → "App-Level Tokens"); unset it to use HTTP mode.');
  }
  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (signingSecret === undefined && (appToken === undefined || env.SLACK_SIGNING_SECRET !== undefined)) {
    // An empty secret would make every signature check meaningless: refuse it even in Socket Mode.
    problems.push('SLACK_SIGNING_SECRET is not set or empty: copy the Signing Secret from your Slack app\'s "Basic Information" page.');
  }

  const slackApiUrl = httpUrl('SLACK_API_URL', value('SLACK_API_URL') ?? DEFAULT_SLACK_API_URL, problems);
  const gtmhubApiUrl = httpUrl('GTMHUB_API_URL', value('GTMHUB_API_URL') ?? DEFAULT_GTMHUB_API_URL, problems, GTMHUB_HOSTS_HINT);
  const gtmhubToken = required('GTMHUB_TOKEN', 'create an API token in Gtmhub (Settings → Integrations → API tokens) and set it here.');
  const accountId = required('GTMHUB_ACCOUNT_ID', 'copy your account id from Gtmhub (shown next to your API tokens; it is the gtmhub-accountId header of API calls).');

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) {
    try {
      resolveStoreLocation(databaseUrl);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }

  let port = 3000;
  const rawPort = value('PORT');
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535) problems.push(`PORT must be a whole number from 0 to 65535, not "${rawPort}".`);
  }

  const rawLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.includes(rawLevel as LogLevel) ? (rawLevel as LogLevel) : 'info';
  if (!LOG_LEVELS.includes(rawLevel as LogLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${rawLevel}".`);

  const admins = (value('KPIBOT_ADMINS') ?? '').split(/[\s,]+/).filter(Boolean);
  const badAdmins = admins.filter((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
  if (badAdmins.length > 0) {
    problems.push(`KPIBOT_ADMINS must list Slack user ids such as U012AB3CD (found ${badAdmins.map((a) => `"${a}"`).join(', ')}).`);
  }

  let secretKey: Buffer | undefined;
  const rawKey = value('KPIBOT_SECRET_KEY');
  if (rawKey !== undefined) {
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(rawKey) ? Buffer.from(rawKey, 'base64') : Buffer.alloc(0);
    if (decoded.length !== 32) {
      problems.push('KPIBOT_SECRET_KEY must be 32 random bytes in base64; generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))"');
    } else {
      secretKey = decoded;
    }
  }

  const scheduler = readScheduler(value, problems);
  const rawPoll = value('KPIBOT_ALERT_POLL_MINUTES') ?? '5';
  const alertPollMinutes = Number(rawPoll);
  if (!/^\d+$/.test(rawPoll) || alertPollMinutes < 1 || alertPollMinutes > 1440) {
    problems.push(`KPIBOT_ALERT_POLL_MINUTES must be a whole number of minutes from 1 to 1440 (how often alerts look in Gtmhub for new values), not "${rawPoll}".`);
  }
  const rawUnfurl = (value('KPIBOT_UNFURL') ?? 'on').toLowerCase();
  if (rawUnfurl !== 'on' && rawUnfurl !== 'off') problems.push(`KPIBOT_UNFURL must be "on" (Gtmhub KPI links unfurl into the KPI's card) or "off", not "${rawUnfurl}".`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    slack: {
      botToken,
      signingSecret: signingSecret ?? '',
      ...(appToken !== undefined ? { appToken } : {}),
      apiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`,
    },
    gtmhub: { apiUrl: gtmhubApiUrl.replace(/\/+$/, ''), token: gtmhubToken, accountId },
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    port,
    logLevel,
    admins,
    ...(secretKey !== undefined ? { secretKey } : {}),
    scheduler,
    alertPollMinutes,
    unfurl: rawUnfurl !== 'off',
  };
}

/** Gtmhub's EU and US hosts for both brands, said wherever GTMHUB_API_URL is wrong. */
const GTMHUB_HOSTS_HINT = ` Use your account's data centre: ${GTMHUB_API_BASE_URLS.slice(0, -1).join(', ')} or ${GTMHUB_API_BASE_URLS.at(-1)} (EU, US; Gtmhub, Quantive Results).`;

/**
 * KPIBOT_SCHEDULER, or its older name KPIBOT_DIGEST_SCHEDULER (from when digests were the only
 * scheduled work). Both set and different is a mistake worth stopping for.
 */
function readScheduler(value: (name: string) => string | undefined, problems: string[]): 'on' | 'off' {
  const current = value('KPIBOT_SCHEDULER')?.toLowerCase();
  const alias = value('KPIBOT_DIGEST_SCHEDULER')?.toLowerCase();
  const name = current !== undefined ? 'KPIBOT_SCHEDULER' : 'KPIBOT_DIGEST_SCHEDULER';
  const setting = current ?? alias ?? 'on';
  if (setting !== 'on' && setting !== 'off') {
    problems.push(`${name} must be "on" (the app sends due digests and other scheduled posts) or "off" (npm run due from cron does), not "${setting}".`);
    return 'on';
  }
  if (current !== undefined && alias !== undefined && alias !== current) {
    problems.push(`KPIBOT_SCHEDULER is "${current}" but KPIBOT_DIGEST_SCHEDULER (its older name) is "${alias}": set only KPIBOT_SCHEDULER.`);
  }
  return setting;
}

function httpUrl(name: string, raw: string, problems: string[], hint = ''): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  problems.push(`${name} must be an http(s) URL, not "${raw}".${hint}`);
  return raw;
}
