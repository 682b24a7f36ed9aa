import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { createSlackDriver, startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';

/**
 * `npm start` as an operator runs it: the compiled bot in its own process, configured by the
 * environment, stopped by a signal. Compiled once into dist-test/ (inside the repository, so that
 * Node finds node_modules from there).
 */
const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'dist-test', `process-${process.pid}`);
const SECRET = 'process-test-secret';

function run(env: Record<string, string>): { child: ChildProcess; stdout: string[]; stderr: string[]; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(outDir, 'main.js')], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => stdout.push(...d.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the kpibot process', () => {
  let gtmhub: GtmhubSimulator;
  let slack: SlackSimulator;
  let dataDir: string;

  beforeAll(async () => {
    // `npm test` type-checks everything before vitest runs, so a type error here is reported there;
    // tsc still emits, which is all this needs.
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root }).catch(
      () => undefined,
    );
    await access(path.join(outDir, 'main.js'));
    [gtmhub, slack] = await Promise.all([startGtmhubSimulator(), startSlackSimulator()]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kpibot-process-'));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gtmhub?.close(), slack?.close()]);
    await rm(outDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without configuration, listing every missing setting, and exits 78', async () => {
    const proc = run({});
    expect(await proc.exit).toBe(78);
    const message = proc.stderr.join('');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'GTMHUB_TOKEN', 'GTMHUB_ACCOUNT_ID']) expect(message).toContain(name);
  });

  it('stops at start with one sentence when Slack refuses the bot token', async () => {
    const proc = run({
      SLACK_BOT_TOKEN: 'xoxb-refused',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      GTMHUB_API_URL: gtmhub.url,
      GTMHUB_TOKEN: gtmhub.token,
      GTMHUB_ACCOUNT_ID: gtmhub.accountId,
      DATABASE_URL: `file:${path.join(dataDir, 'refused.sqlite')}`,
      PORT: '0',
    });
    expect(await proc.exit).toBe(1);
    expect(proc.stderr.join('')).toContain('Slack did not accept SLACK_BOT_TOKEN (invalid_auth)');
    expect(proc.stdout.some((l) => l.includes('kpibot started'))).toBe(false);
    expect(proc.stdout.some((l) => l.includes('unhandled promise rejection'))).toBe(false);
  });

  it('finishes work in flight on SIGTERM, closes the database and exits 0', async () => {
    const proc = run({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      GTMHUB_API_URL: gtmhub.url,
      GTMHUB_TOKEN: gtmhub.token,
      GTMHUB_ACCOUNT_ID: gtmhub.accountId,
      DATABASE_URL: `file:${path.join(dataDir, 'kpibot.sqlite')}`,
      PORT: '0',
    });
    await until(() => proc.stdout.some((l) => l.includes('kpibot started')), 'the start log line');
    const port = (JSON.parse(proc.stdout.find((l) => l.includes('kpibot started'))!) as { port: number }).port;
    const driver = createSlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, slack });

    // A lookup whose Gtmhub read takes a while is in flight when the signal arrives.
    const churn = [...gtmhub.state.kpis.values()].find((k) => k.name === 'Churn rate')!;
    gtmhub.faults.set('GET /v1/kpis/:id', { latencyMs: 1_000 });
    const before = slack.responses.length;
    const ack = await driver.command(`show ${churn.id}`);
    expect(ack.status).toBe(200);
    proc.child.kill('SIGTERM');

    expect(await proc.exit).toBe(0);
    expect(slack.responses.length).toBe(before + 1);
    expect(JSON.stringify(slack.responses.at(-1)!.body)).toContain('Churn rate');
    expect(proc.stdout.some((l) => l.includes('kpibot stopped'))).toBe(true);
  });
});
