/**
 * `npm run sandbox`: the whole bot on one machine — the Gtmhub simulator with demo data, the Slack
 * simulator, kpibot itself — and a terminal workbench where you act as a Slack user.
 */
import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { request } from 'undici';
import { parseSandboxArgs, SANDBOX_USAGE, SandboxUsageError } from './workbench/cli-options.js';
import { DEFAULT_SANDBOX_SQLITE, startSandbox, type Sandbox } from './workbench/environment.js';
import { runWorkbench } from './workbench/run.js';
import { describeUser } from './workbench/records.js';

/** EX_USAGE from sysexits.h: the command line was wrong. */
const EXIT_USAGE = 64;

async function main(): Promise<number> {
  let options;
  try {
    options = parseSandboxArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SandboxUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return 0;
  }
  const script = options.script !== undefined ? readFileSync(options.script, 'utf8').split(/\r?\n/) : undefined;
  const write = (text: string): void => void process.stdout.write(`${text}\n`);

  process.stdout.write(`Starting the Gtmhub simulator (${options.kpis} demo KPIs), the Slack simulator and kpibot…\n`);
  const sandbox = await startSandbox({
    kpis: options.kpis,
    port: options.port,
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.verbose ? { echoLogs: (line: string) => void process.stderr.write(`${line}\n`) } : {}),
    uploads: { dir: 'data/sandbox-uploads', print: (path) => write(`── image uploaded: ${path} ──`) },
  });
  let rl: Interface | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait any longer
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    if (rl) rl.close();
    else void sandbox.close().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    await printBanner(sandbox, options.databaseUrl);
    const interactive = script === undefined && process.stdin.isTTY === true;
    if (script === undefined) {
      rl = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) });
      // readline turns Ctrl-C into this event on a terminal instead of a process signal.
      rl.on('SIGINT', () => stop('SIGINT'));
    }
    const run = await runWorkbench({
      sandbox,
      lines: script ?? rl!,
      write,
      echo: !interactive,
      ready: (workbench) => {
        if (!interactive || !rl) return;
        rl.setPrompt(workbench.prompt());
        rl.prompt();
      },
    });
    if (run.failures.length > 0 && !interactive) {
      write(`\n${run.failures.length} line${run.failures.length === 1 ? '' : 's'} failed: ${run.failures.map((f) => `${f.line} (${f.text.trim()})`).join(', ')}`);
    }
    return !interactive && run.failures.length > 0 ? 1 : 0;
  } finally {
    rl?.close();
    await sandbox.close();
  }
}

/** `npm run due` against this sandbox (a dry run: the running sandbox holds the SQLite scheduler lock). */
function dueCommand(sandbox: Sandbox, databaseUrl: string | undefined): string {
  const env = [
    `SLACK_BOT_TOKEN=${sandbox.slack.botToken}`,
    'SLACK_SIGNING_SECRET=sandbox',
    `SLACK_API_URL=${sandbox.slack.apiUrl}`,
    `GTMHUB_API_URL=${sandbox.gtmhub.url}`,
    `GTMHUB_TOKEN=${sandbox.gtmhub.token}`,
    `GTMHUB_ACCOUNT_ID=${sandbox.gtmhub.accountId}`,
    `DATABASE_URL=${databaseUrl ?? `file:./${DEFAULT_SANDBOX_SQLITE}`}`,
  ];
  return `${env.join(' ')} npm run due -- --dry-run`;
}

async function printBanner(sandbox: Sandbox, databaseUrl: string | undefined): Promise<void> {
  // The first /kpi would wait for the catalogue anyway; loading it here makes the banner's count true.
  await sandbox.kpibot.deps.catalogue.get({ waitMs: Infinity }).catch(() => undefined);
  const health = await request(`${sandbox.appUrl}/healthz`).then(
    async (res) => `${res.statusCode} ${await res.body.text()}`,
    (error: unknown) => `unreachable (${error instanceof Error ? error.message : String(error)})`,
  );
  const user = sandbox.users.find((u) => !u.is_bot && !u.deleted);
  process.stdout.write(
    [
      `kpibot            ${sandbox.appUrl}  (Slack requests: POST /slack/events)`,
      `GET /healthz      ${health}`,
      `Slack simulator   ${sandbox.slack.apiUrl}`,
      `Gtmhub simulator  ${sandbox.gtmhub.url}  (account ${sandbox.gtmhub.accountId})`,
      `Database          ${databaseUrl === undefined ? `SQLite at ./${DEFAULT_SANDBOX_SQLITE}` : databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`,
      `Acting as         ${user ? describeUser(user) : 'nobody'}`,
      // The operator command reads the app's environment: these values point it at this sandbox.
      `Due work by hand  ${dueCommand(sandbox, databaseUrl)}`,
      'Type help for the commands, quit (or Ctrl-C) to stop.',
      '',
    ].join('\n'),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
