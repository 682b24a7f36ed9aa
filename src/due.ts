/**
 * `npm run due -- [--only <kind>] [--at <ISO time>] [--dry-run] [--subscription <id>]`: runs the
 * scheduled work due at one moment once (every kind: weekly digests, …) and exits — for Heroku
 * Scheduler or system cron instead of the in-process heartbeat. `npm run digest` is
 * `npm run due -- --only digest`, with the same arguments and exit codes as before.
 * Safe to run next to the app on PostgreSQL (the claim keeps each post to one send); on SQLite it
 * takes the same single-runner lock as the app and stops if the app holds it.
 *
 * Exit codes:
 *   0  done (sent, skipped, missed, or nothing due)
 *   1  a post failed for good, or kpibot itself failed
 *   2  bad arguments
 *   69 Slack refused the bot token (EX_UNAVAILABLE)
 *   75 work left for a later run: Gtmhub or Slack errors with retries left, or another process runs the scheduler (EX_TEMPFAIL)
 *   78 configuration invalid (EX_CONFIG)
 */
import { ALERT_KIND } from './alerts/types.js';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createRuntime, type ScheduledWork } from './runtime.js';
import { addSummaries, SUMMARY_COUNTS, type RunSummary } from './scheduling/run-summary.js';
import { acquireSchedulerLock, SchedulerLockedError, type SchedulerLock } from './scheduling/single-runner-lock.js';
import { resolveStoreLocation } from './store/location.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, tokenRefused: 69, retryLater: 75, config: 78 } as const;

const USAGE =
  'usage: npm run due -- [--only <kind>] [--at <ISO time, default now>] [--dry-run] [--subscription <id>]\n' +
  '       npm run digest -- [--at <ISO time>] [--dry-run] [--subscription <id>]   (the same as --only digest)';

interface DueArgs {
  at: Date;
  dryRun: boolean;
  subscriptionId: string | undefined;
  only: string | undefined;
}

/** Reads the arguments; throws `DueUsageError` with one sentence and the usage lines. */
export function parseDueArgs(argv: string[], now: Date): DueArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' }, subscription: { type: 'string' }, only: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new DueUsageError(error instanceof Error ? error.message : String(error));
  }
  const at = values.at === undefined ? now : new Date(values.at);
  if (Number.isNaN(at.getTime()) || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
    throw new DueUsageError(`--at must be an ISO-8601 time such as 2026-11-30T08:00:00Z, not "${values.at}".`);
  }
  return { at, dryRun: values['dry-run'] ?? false, subscriptionId: values.subscription, only: values.only };
}

export class DueUsageError extends Error {
  readonly code = 'due_usage' as const;
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = 'DueUsageError';
  }
}

/** The exit code a run's summary deserves (see the table at the top). */
export function exitCodeOf(summary: RunSummary): number {
  if (summary.haltedWorkspaces.length > 0) return EXIT.tokenRefused;
  if (summary.failed > 0) return EXIT.failed;
  if (summary.retrying > 0) return EXIT.retryLater;
  return EXIT.ok;
}

async function main(): Promise<number> {
  let args: DueArgs;
  let config: Config;
  try {
    args = parseDueArgs(process.argv.slice(2), new Date());
    config = readConfig();
  } catch (error) {
    if (error instanceof DueUsageError) return fail(error.message, EXIT.usage);
    if (error instanceof ConfigError) return fail(error.message, EXIT.config);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel }).child({ component: 'due' });
  const location = resolveStoreLocation(config.databaseUrl);
  let lock: SchedulerLock | undefined;
  if (!args.dryRun && location.dialect === 'sqlite') {
    try {
      lock = acquireSchedulerLock(location.path);
    } catch (error) {
      if (error instanceof SchedulerLockedError) return fail(error.message, EXIT.retryLater);
      throw error;
    }
  }
  const runtime = await createRuntime({ config, logger });
  try {
    const work = runtime.createScheduledWork(lock !== undefined);
    if (args.only !== undefined && !work.engine.kinds.includes(args.only)) {
      return fail(`There is no kind of scheduled work named "${args.only}": use one of ${work.engine.kinds.join(', ')}.\n${USAGE}`, EXIT.usage);
    }
    const filter = { ...(args.only !== undefined ? { kind: args.only } : {}), ...(args.subscriptionId !== undefined ? { subjectId: args.subscriptionId } : {}) };
    if (args.dryRun) return await dryRun(work, args, filter);
    // Alerts are found by their poll: it queues what the run then posts (a cron deployment has no heartbeat).
    if (work.alerts && (args.only === undefined || args.only === ALERT_KIND) && args.subscriptionId === undefined) await work.alerts.poll(args.at);
    const summaries = await work.engine.runDue(args.at, filter);
    for (const [kind, summary] of summaries) process.stdout.write(`${describeSummary(kind, summary, args.at)}\n`);
    return exitCodeOf(addSummaries([...summaries.values()]));
  } finally {
    lock?.release();
    await runtime.close();
  }
}

/** Prints what would be posted; claims nothing and posts nothing. */
async function dryRun(work: ScheduledWork, args: DueArgs, filter: { kind?: string; subjectId?: string }): Promise<number> {
  const previews = await work.engine.preview(args.at, filter);
  if (args.subscriptionId !== undefined && [...previews.values()].every((texts) => texts === undefined)) {
    return fail(`No ${[...previews.keys()].join(' or ')} subscription has the id ${args.subscriptionId}.`, EXIT.usage);
  }
  for (const [kind, texts] of previews) {
    if (texts === undefined) continue;
    if (texts.length === 0) process.stdout.write(`No ${kind} is due at ${args.at.toISOString()}.\n`);
    for (const text of texts) process.stdout.write(`${text}\n\n`);
  }
  return EXIT.ok;
}

function describeSummary(kind: string, summary: RunSummary, at: Date): string {
  const counts = SUMMARY_COUNTS.map((k) => `${k} ${summary[k]}`).join(', ');
  const halted = summary.haltedWorkspaces.length > 0 ? `; Slack refused the bot token for ${summary.haltedWorkspaces.join(', ')}` : '';
  return `${kind}: due at ${at.toISOString()}: ${counts}${halted}.`;
}

function fail(message: string, code: number): number {
  process.stderr.write(`${message}\n`);
  return code;
}

function isEntryPoint(): boolean {
  return process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
}

if (isEntryPoint()) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const logger: Logger = createLogger();
      logger.error('npm run due failed', { error });
      process.exit(EXIT.failed);
    },
  );
}
