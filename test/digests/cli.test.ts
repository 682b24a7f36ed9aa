/**
 * `npm run digest` (= `npm run due -- --only digest`) as an operator runs it from cron: the
 * compiled command in its own process, against the Gtmhub and Slack simulators and an SQLite file,
 * judged by its exit code and output.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_EVENT_TYPE } from '../../src/digests/keys.js';
import { DigestSubscriptions } from '../../src/digests/subscriptions.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { openStore } from '../../src/store/database.js';
import { DigestSubscriptionsRepository } from '../../src/store/digest-subscriptions-repository.js';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'dist-test', `digest-cli-${process.pid}`);
/** What `npm run digest` runs (package.json). */
const DIGEST_ARGS = ['--only', 'digest'];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[], env: Record<string, string>, command: string[] = DIGEST_ARGS): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(outDir, 'due.js'), ...command, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run digest (npm run due -- --only digest)', () => {
  let gtmhub: GtmhubSimulator;
  let slack: SlackSimulator;
  let dataDir: string;
  let sqlitePath: string;
  let env: Record<string, string>;
  let subscriptionId: string;

  beforeAll(async () => {
    // tsc emits even when someone else's file has a type error; `npm test` reports those.
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root }).catch(
      () => undefined,
    );
    await access(path.join(outDir, 'due.js'));
    [gtmhub, slack] = await Promise.all([startGtmhubSimulator(), startSlackSimulator()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gtmhub?.close(), slack?.close()]);
    await rm(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kpibot-digest-cli-'));
    sqlitePath = path.join(dataDir, 'kpibot.sqlite');
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'cli-test-secret',
      SLACK_API_URL: slack.apiUrl,
      GTMHUB_API_URL: gtmhub.url,
      GTMHUB_TOKEN: gtmhub.token,
      GTMHUB_ACCOUNT_ID: gtmhub.accountId,
      DATABASE_URL: `file:${sqlitePath}`,
      LOG_LEVEL: 'error',
    };
    const store = await openStore({ sqlitePath, logger: createMemoryLogger() });
    try {
      const kpiIds = [...gtmhub.state.kpis.keys()].slice(0, 3);
      const repository = new DigestSubscriptionsRepository(store.db, { now: () => new Date('2026-11-25T09:00:00.000Z') });
      const sub = await new DigestSubscriptions(repository, { now: () => Date.parse('2026-11-25T09:00:00.000Z') }).create({
        teamId: slack.teamId,
        channelId: 'C0KPIS',
        ownerUserId: 'U0SANDBOX',
        selection: { kind: 'kpis', kpiIds },
        weekday: 1,
        time: '09:00',
        zone: 'Europe/Berlin',
        skipWhenUnchanged: false,
        listNotUpdated: true,
      });
      subscriptionId = sub.id;
    } finally {
      await store.close();
    }
    return () => rm(dataDir, { recursive: true, force: true });
  });

  /** Digests posted to the channel (their first message; the chart and continued parts are in its thread). */
  const digestsIn = (channel: string) => slack.messages(channel).filter((m) => m.metadata?.event_type === DIGEST_EVENT_TYPE && m.thread_ts === undefined);

  it('sends what is due at --at once and exits 0; a second run sends nothing more', async () => {
    const before = digestsIn('C0KPIS').length;
    const first = await runCli(['--at', '2026-11-30T08:00:00Z'], env);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('sent 1') });
    const second = await runCli(['--at', '2026-11-30T08:00:00Z', '--subscription', subscriptionId], env);
    expect(second.code).toBe(0);
    expect(digestsIn('C0KPIS').length - before).toBe(1);
  });

  it('prints the digest as text with --dry-run and posts nothing', async () => {
    const calls = slack.callsTo('chat.postMessage').length;
    const result = await runCli(['--at', '2026-11-30T08:00:00Z', '--dry-run'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`digest ${subscriptionId} → channel C0KPIS, week 2026-W48`);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(calls);
  });

  it('exits 2 with the usage line for an --at that is not an ISO time', async () => {
    const result = await runCli(['--at', 'next monday'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run due');
    expect(result.stderr).toContain('npm run digest -- [--at <ISO time>] [--dry-run] [--subscription <id>]');
  });

  it('exits 78 listing the missing settings without configuration', async () => {
    const result = await runCli([], {});
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
  });

  it('exits 69 when Slack refuses the bot token, leaving the digest for a later run', async () => {
    const result = await runCli(['--at', '2026-11-30T08:00:00Z'], { ...env, SLACK_BOT_TOKEN: 'xoxb-revoked' });
    expect(result.code).toBe(69);
    expect(result.stdout).toContain('Slack refused the bot token');
  });

  it('npm run due runs every kind: the due digest goes out once, and a second run sends nothing more', async () => {
    const before = digestsIn('C0KPIS').length;
    const first = await runCli(['--at', '2026-11-30T08:00:00Z'], env, []);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('digest: due at 2026-11-30T08:00:00.000Z: sent 1') });
    expect((await runCli(['--at', '2026-11-30T08:00:00Z'], env, [])).stdout).toContain('sent 0');
    expect(digestsIn('C0KPIS').length - before).toBe(1);
  });

  it('npm run due -- --only <kind> exits 2 naming the kinds there are when the kind is unknown', async () => {
    const result = await runCli(['--only', 'reminders'], env, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no kind of scheduled work named "reminders": use one of digest, checkin, checkin_snooze, alert.');
  });
});
