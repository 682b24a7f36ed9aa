/**
 * `npm run digest -- [--at <ISO time>] [--dry-run] [--subscription <id>]`: runs the digests due at
 * one moment once and exits — for Heroku Scheduler or system cron instead of the in-process
 * heartbeat. Safe to run next to the app on PostgreSQL (the delivery claim keeps each digest to
 * one send); on SQLite it takes the same scheduler lock as the app and stops if the app holds it.
 *
 * Exit codes:
 *   0  done (sent, skipped, missed, or nothing due)
 *   1  a digest failed for good, or kpibot itself failed
 *   2  bad arguments
 *   69 Slack refused the bot token (EX_UNAVAILABLE)
 *   75 work left for a later run: Gtmhub or Slack errors with retries left, or another process runs the scheduler (EX_TEMPFAIL)
 *   78 configuration invalid (EX_CONFIG)
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig, type Config } from '../config.js';
import { GtmhubClient } from '../gtmhub/client.js';
import { patientForBackgroundWork } from '../gtmhub/retry.js';
import { KpiCatalogue } from '../kpis/catalogue.js';
import { createLogger, type Logger } from '../log.js';
import { openStore, type Store } from '../store/database.js';
import { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';
import { FavoritesRepository } from '../store/favorites-repository.js';
import { resolveStoreLocation } from '../store/location.js';
import { createDigestContentSource } from './content-source.js';
import type { RunSummary } from './run-summary.js';
import { digestAsText } from './plain-text.js';
import { createDigestEngine } from './scheduler.js';
import { acquireSchedulerLock, SchedulerLockedError, type SchedulerLock } from './scheduler-lock.js';
import type { DigestContentSource } from './types.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, tokenRefused: 69, retryLater: 75, config: 78 } as const;

const USAGE = 'usage: npm run digest -- [--at <ISO time, default now>] [--dry-run] [--subscription <id>]';

interface CliArgs {
  at: Date;
  dryRun: boolean;
  subscriptionId: string | undefined;
}

/** Reads the arguments; throws `CliUsageError` with one sentence and the usage line. */
export function parseCliArgs(argv: string[], now: Date): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' }, subscription: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const at = values.at === undefined ? now : new Date(values.at);
  if (Number.isNaN(at.getTime()) || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
    throw new CliUsageError(`--at must be an ISO-8601 time such as 2026-11-30T08:00:00Z, not "${values.at}".`);
  }
  return { at, dryRun: values['dry-run'] ?? false, subscriptionId: values.subscription };
}

export class CliUsageError extends Error {
  readonly code = 'digest_cli_usage' as const;
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = 'CliUsageError';
  }
}

/** The exit code a run's summary deserves (see the table at the top). */
export function exitCodeOf(summary: RunSummary): number {
  if (summary.haltedTeams.length > 0) return EXIT.tokenRefused;
  if (summary.failed > 0) return EXIT.failed;
  if (summary.retrying > 0) return EXIT.retryLater;
  return EXIT.ok;
}

async function main(): Promise<number> {
  let args: CliArgs;
  let config: Config;
  try {
    args = parseCliArgs(process.argv.slice(2), new Date());
    config = readConfig();
  } catch (error) {
    if (error instanceof CliUsageError) return fail(error.message, EXIT.usage);
    if (error instanceof ConfigError) return fail(error.message, EXIT.config);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel }).child({ component: 'digest-cli' });
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
  const store = await openStore({ ...(config.databaseUrl !== undefined ? { url: config.databaseUrl } : {}), logger });
  const gtmhub = new GtmhubClient({ baseUrl: config.gtmhub.apiUrl, token: config.gtmhub.token, accountId: config.gtmhub.accountId, logger });
  try {
    const catalogue = new KpiCatalogue({
      source: {
        listAllKpis: () => gtmhub.listAllKpis({}, { policy: patientForBackgroundWork }),
        listKpiGroups: () => gtmhub.listKpiGroups({ policy: patientForBackgroundWork }),
      },
      logger,
    });
    const content = createDigestContentSource({ gtmhub, catalogue, favorites: new FavoritesRepository(store.db), logger });
    if (args.dryRun) return await dryRun(store, content, args);
    const engine = createDigestEngine({ store, slack: { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl }, content, logger, soleEngine: lock !== undefined });
    const summary = await engine.runDue(args.at, args.subscriptionId !== undefined ? { subscriptionId: args.subscriptionId } : undefined);
    process.stdout.write(`${describeSummary(summary, args.at)}\n`);
    return exitCodeOf(summary);
  } finally {
    lock?.release();
    await Promise.allSettled([store.close(), gtmhub.close()]);
  }
}

/** Prints what would be posted; claims nothing and posts nothing. */
async function dryRun(store: Store, content: DigestContentSource, args: CliArgs): Promise<number> {
  const repository = new DigestSubscriptionsRepository(store.db);
  const due = args.subscriptionId !== undefined ? [await repository.get(args.subscriptionId)].filter((s) => s !== undefined) : await repository.listDue(args.at);
  if (args.subscriptionId !== undefined && due.length === 0) return fail(`No digest subscription has the id ${args.subscriptionId}.`, EXIT.usage);
  if (due.length === 0) process.stdout.write(`No digest is due at ${args.at.toISOString()}.\n`);
  for (const subscription of due) {
    // Each at its own slot, as the scheduler would build it (a single --subscription at --at).
    const slot = args.subscriptionId !== undefined ? args.at : subscription.nextRunAt;
    const built = (await content.build([subscription], slot)).get(subscription.id);
    process.stdout.write(`${built ? digestAsText(subscription, built) : `── digest ${subscription.id}: no content built`}\n\n`);
  }
  return EXIT.ok;
}

function describeSummary(summary: RunSummary, at: Date): string {
  const counts = (['sent', 'skipped', 'missed', 'failed', 'retrying', 'busy', 'paused'] as const).map((k) => `${k} ${summary[k]}`).join(', ');
  const halted = summary.haltedTeams.length > 0 ? `; Slack refused the bot token for ${summary.haltedTeams.join(', ')}` : '';
  return `Digests due at ${at.toISOString()}: ${counts}${halted}.`;
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
      logger.error('npm run digest failed', { error });
      process.exit(EXIT.failed);
    },
  );
}
