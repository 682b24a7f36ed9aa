import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'shh',
  GTMHUB_TOKEN: 'gt-token',
  GTMHUB_ACCOUNT_ID: 'acc1',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const config = readConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.gtmhub.apiUrl).toBe('https://app.gtmhub.com/api');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.slack.appToken).toBeUndefined();
    expect(config.admins).toEqual([]);
    expect(config.secretKey).toBeUndefined();
  });

  it('lists every problem at once, each naming its variable', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' });
    const named = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'GTMHUB_TOKEN', 'GTMHUB_ACCOUNT_ID', 'PORT', 'LOG_LEVEL'];
    for (const name of named) expect(problems.some((p) => p.startsWith(name))).toBe(true);
    expect(problems).toHaveLength(named.length);
  });

  it('refuses an empty signing secret', () => {
    expect(problemsOf({ ...valid, SLACK_SIGNING_SECRET: '   ' })).toEqual([
      expect.stringContaining('SLACK_SIGNING_SECRET is not set or empty'),
    ]);
  });

  it('refuses an empty signing secret in Socket Mode too, but does not require one there', () => {
    expect(problemsOf({ ...valid, SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: '' })).toHaveLength(1);
    const { SLACK_SIGNING_SECRET: _omit, ...withoutSecret } = valid;
    expect(readConfig({ ...withoutSecret, SLACK_APP_TOKEN: 'xapp-1' }).slack.appToken).toBe('xapp-1');
  });

  it('refuses tokens of the wrong kind', () => {
    expect(problemsOf({ ...valid, SLACK_BOT_TOKEN: 'xoxp-user' })[0]).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(problemsOf({ ...valid, SLACK_APP_TOKEN: 'xoxb-x' })[0]).toMatch(/SLACK_APP_TOKEN must be an app-level token/);
  });

  it('points the API clients elsewhere when asked, normalising slashes', () => {
    const config = readConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9/api', GTMHUB_API_URL: 'https://app.quantive.com/results/api/' });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.gtmhub.apiUrl).toBe('https://app.quantive.com/results/api');
  });

  it('rejects URLs that are not http(s)', () => {
    expect(problemsOf({ ...valid, GTMHUB_API_URL: 'ftp://x' })[0]).toMatch(/GTMHUB_API_URL must be an http\(s\) URL/);
    expect(problemsOf({ ...valid, GTMHUB_API_URL: 'ftp://x' })[0]).toContain(
      'https://app.gtmhub.com/api, https://app.us.gtmhub.com/api, https://app.quantive.com/results/api or https://app.us.quantive.com/results/api',
    );
  });

  it('reads admins as a comma or space separated list of Slack user ids', () => {
    expect(readConfig({ ...valid, KPIBOT_ADMINS: 'U01ABC, W02DEF U03GHI' }).admins).toEqual(['U01ABC', 'W02DEF', 'U03GHI']);
    expect(problemsOf({ ...valid, KPIBOT_ADMINS: 'U01ABC,@jane' })[0]).toMatch(/"@jane"/);
  });

  it('decodes a 32-byte base64 secret key and refuses any other length', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(readConfig({ ...valid, KPIBOT_SECRET_KEY: key }).secretKey?.length).toBe(32);
    expect(problemsOf({ ...valid, KPIBOT_SECRET_KEY: Buffer.alloc(16).toString('base64') })[0]).toMatch(/32 random bytes/);
  });

  it('accepts PostgreSQL URLs and refuses other databases', () => {
    expect(readConfig({ ...valid, DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://x' })[0]).toMatch(/DATABASE_URL/);
  });

  it('runs the scheduler in the app unless KPIBOT_SCHEDULER is off', () => {
    expect(readConfig(valid).scheduler).toBe('on');
    expect(readConfig({ ...valid, KPIBOT_SCHEDULER: 'off' }).scheduler).toBe('off');
    expect(readConfig({ ...valid, KPIBOT_SCHEDULER: ' OFF ' }).scheduler).toBe('off');
    expect(readConfig({ ...valid, KPIBOT_SCHEDULER: 'on' }).scheduler).toBe('on');
  });

  it('unfurls Gtmhub KPI links unless KPIBOT_UNFURL is off, and names a wrong value', () => {
    expect(readConfig(valid).unfurl).toBe(true);
    expect(readConfig({ ...valid, KPIBOT_UNFURL: 'OFF' }).unfurl).toBe(false);
    expect(() => readConfig({ ...valid, KPIBOT_UNFURL: 'maybe' })).toThrow('KPIBOT_UNFURL must be "on" (Gtmhub KPI links unfurl into the KPI\'s card) or "off", not "maybe".');
  });

  it('still reads KPIBOT_DIGEST_SCHEDULER, its older name, when KPIBOT_SCHEDULER is not set', () => {
    expect(readConfig({ ...valid, KPIBOT_DIGEST_SCHEDULER: 'off' }).scheduler).toBe('off');
    expect(readConfig({ ...valid, KPIBOT_DIGEST_SCHEDULER: ' OFF ' }).scheduler).toBe('off');
    expect(readConfig({ ...valid, KPIBOT_DIGEST_SCHEDULER: 'off', KPIBOT_SCHEDULER: 'off' }).scheduler).toBe('off');
  });

  it('refuses a KPIBOT_SCHEDULER (or KPIBOT_DIGEST_SCHEDULER) other than on or off, saying what each means', () => {
    expect(problemsOf({ ...valid, KPIBOT_SCHEDULER: 'cron' })).toEqual([
      'KPIBOT_SCHEDULER must be "on" (the app sends due digests and other scheduled posts) or "off" (npm run due from cron does), not "cron".',
    ]);
    expect(problemsOf({ ...valid, KPIBOT_DIGEST_SCHEDULER: 'cron' })).toEqual([
      'KPIBOT_DIGEST_SCHEDULER must be "on" (the app sends due digests and other scheduled posts) or "off" (npm run due from cron does), not "cron".',
    ]);
  });

  it('refuses KPIBOT_SCHEDULER and KPIBOT_DIGEST_SCHEDULER set to different values', () => {
    expect(problemsOf({ ...valid, KPIBOT_SCHEDULER: 'on', KPIBOT_DIGEST_SCHEDULER: 'off' })).toEqual([
      'KPIBOT_SCHEDULER is "on" but KPIBOT_DIGEST_SCHEDULER (its older name) is "off": set only KPIBOT_SCHEDULER.',
    ]);
  });

  it('never puts a secret into its error message', () => {
    try {
      readConfig({ ...valid, SLACK_BOT_TOKEN: 'xoxp-hidden', PORT: 'x' });
      expect.unreachable();
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('hidden');
    }
  });
});

describe('readConfig and placeholders', () => {
  it('refuses the placeholder of .env.example instead of starting with it', () => {
    expect(() =>
      readConfig({ SLACK_BOT_TOKEN: 'xoxb-…', SLACK_SIGNING_SECRET: 's', GTMHUB_TOKEN: 't', GTMHUB_ACCOUNT_ID: 'a' }),
    ).toThrow(/SLACK_BOT_TOKEN is not a real token/);
  });
});
