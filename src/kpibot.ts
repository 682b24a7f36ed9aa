import type { Dispatcher } from 'undici';
import { BackgroundWork } from './background-work.js';
import { FavoriteGroups } from './favorites/favorite-groups.js';
import { FavoriteMirror } from './favorites/mirror.js';
import { PersonalTokens } from './personal-tokens/personal-tokens.js';
import { HomePublisher } from './slack/handlers/home/home-publisher.js';
import { FavoritesRepository } from './store/favorites-repository.js';
import { TokenCipher } from './store/token-cipher.js';
import { UserTokensRepository } from './store/user-tokens-repository.js';
import type { Config } from './config.js';
import { GtmhubClient } from './gtmhub/client.js';
import { patientForBackgroundWork } from './gtmhub/retry.js';
import { KpiCatalogue } from './kpis/catalogue.js';
import { ownerMappingFrom } from './kpis/kpi-form.js';
import { RecentValues } from './kpis/recent-values.js';
import { settleStalePending } from './kpis/sweep-submissions.js';
import type { Logger } from './log.js';
import { createSlackApp } from './slack/app.js';
import type { SlackDeps } from './slack/deps.js';
import { registerListeners } from './slack/listeners/index.js';
import { UserProfiles } from './slack/user-profiles.js';
import { openStore, type Store } from './store/database.js';
import { SubmissionsRepository } from './store/submissions-repository.js';
import { createDigestContentSource } from './digest/content-source.js';
import { startDigestScheduler, type RunningDigestScheduler } from './digest/scheduler.js';
import { DigestSubscriptionsRepository } from './store/digest-subscriptions-repository.js';
import { systemClock, type Clock } from './time/clock.js';

export interface KpibotOptions {
  config: Config;
  logger: Logger;
  /** Tests give each instance its own SQLite file or PostgreSQL schema. */
  store?: { sqlitePath?: string; schema?: string };
  gtmhubDispatcher?: Dispatcher;
  /** "Now", and what every deadline and bounded wait runs on (Gtmhub calls, users.info, the first KPI load); default real time. */
  clock?: Clock;
  /**
   * Weekly digests. `scheduler: false` runs no heartbeat (tests that do not need it; a deployment
   * that runs `npm run digest` from cron instead); Send now works either way.
   */
  digests?: { scheduler?: boolean; sleep?: (ms: number) => Promise<void> };
}

export interface RunningKpibot {
  /** The bound HTTP port (HTTP mode; PORT=0 binds a free one). */
  port: number | undefined;
  deps: SlackDeps;
  store: Store;
  digests: RunningDigestScheduler;
  /** Stops taking requests, lets in-flight work finish (bounded), closes the database. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * The composition root: configuration → Gtmhub client → store → domain services → Bolt app →
 * listeners → start. `main.ts` calls it with the environment; the end-to-end tests and the sandbox
 * call it with the simulators' URLs.
 */
export async function startKpibot(options: KpibotOptions): Promise<RunningKpibot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const store = await openStore({
    ...(config.databaseUrl !== undefined ? { url: config.databaseUrl } : {}),
    ...(options.store?.sqlitePath !== undefined ? { sqlitePath: options.store.sqlitePath } : {}),
    ...(options.store?.schema !== undefined ? { schema: options.store.schema } : {}),
    logger,
  });
  const gtmhub = new GtmhubClient({
    baseUrl: config.gtmhub.apiUrl,
    token: config.gtmhub.token,
    accountId: config.gtmhub.accountId,
    logger: logger.child({ component: 'gtmhub' }),
    clock,
    ...(options.gtmhubDispatcher ? { dispatcher: options.gtmhubDispatcher } : {}),
  });
  const background = new BackgroundWork(logger);
  const catalogue = new KpiCatalogue({
    // The full refresh runs in the background, so it may take Gtmhub's time.
    source: {
      listAllKpis: () => gtmhub.listAllKpis({}, { policy: patientForBackgroundWork }),
      listKpiGroups: () => gtmhub.listKpiGroups({ policy: patientForBackgroundWork }),
    },
    logger: logger.child({ component: 'catalogue' }),
    now,
    clock,
  });
  const personalTokens = new PersonalTokens({
    // No KPIBOT_SECRET_KEY: no safe place for tokens, so /kpi connect explains that instead.
    repository: config.secretKey ? new UserTokensRepository(store.db, new TokenCipher(config.secretKey), { now: () => new Date(now()) }) : undefined,
    workspace: gtmhub,
    gtmhubAppUrl: config.gtmhub.apiUrl.replace(/\/api$/, ''),
    logger: logger.child({ component: 'personal-tokens' }),
    now,
  });
  const favoritesRepository = new FavoritesRepository(store.db, { now: () => new Date(now()) });
  const favoriteMirror = new FavoriteMirror({
    repository: favoritesRepository,
    personalWriter: (teamId, userId) => personalTokens.personalClient(teamId, userId),
    logger: logger.child({ component: 'favorites' }),
    now,
  });
  // No setting maps Slack users to Gtmhub users yet: owners are typed as Gtmhub ids (kpi-form.ts).
  const owners = ownerMappingFrom(new Map());
  // Started before the HTTP server, so that a Send now click can never arrive before the engine exists.
  const digestScheduler = startDigestScheduler({
    store,
    location: { url: config.databaseUrl, sqlitePath: options.store?.sqlitePath },
    slack: { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl },
    content: createDigestContentSource({
      gtmhub,
      catalogue,
      favorites: favoritesRepository,
      logger,
      // "Not updated" lines mention the owners this mapping knows.
      owners,
      now,
    }),
    logger,
    now,
    // KPIBOT_DIGEST_SCHEDULER=off: cron runs `npm run digest`; this process neither ticks nor takes the SQLite lock.
    heartbeat: options.digests?.scheduler ?? config.digestScheduler === 'on',
    sleep: options.digests?.sleep ?? ((ms) => clock.sleep(ms)),
  });
  const deps: SlackDeps = {
    logger,
    catalogue,
    recentValues: new RecentValues({ source: gtmhub, now }),
    gtmhub,
    gtmhubFor: (teamId, userId) => personalTokens.clientFor(teamId, userId),
    favorites: new FavoriteGroups(favoritesRepository, favoriteMirror, (teamId, userId) => personalTokens.personalClient(teamId, userId)),
    personalTokens,
    homes: new HomePublisher(),
    submissions: new SubmissionsRepository(store.db),
    profiles: new UserProfiles({ logger, clock }),
    background,
    now,
    clock,
    digests: {
      subscriptions: new DigestSubscriptionsRepository(store.db, { now: () => new Date(now()) }),
      sendNow: (subscriptionId) => digestScheduler.engine.sendNow(subscriptionId),
    },
    kpiAdministration: {
      admins: new Set(config.admins),
      owners,
    },
  };
  const slack = createSlackApp({
    config,
    logger,
    background,
    health: () => ({ kpis: catalogue.peek()?.kpis.length ?? null, database: store.dialect }),
  });
  registerListeners(slack.app, deps);
  let started: { port: number | undefined };
  try {
    started = await slack.start();
  } catch (error) {
    await Promise.allSettled([digestScheduler.stop(), store.close(), gtmhub.close()]);
    throw error;
  }
  // Favorite toggles that Gtmhub did not take are retried in the background.
  favoriteMirror.start();
  // Warm the catalogue so the first lookup rarely waits.
  catalogue.refreshInBackground();
  background.run('settling stale submissions', () => settleStalePending(deps.submissions, now(), logger));
  logger.info('kpibot started', { port: started.port, mode: config.slack.appToken ? 'socket' : 'http', database: store.dialect });

  let stopping: Promise<void> | undefined;
  return {
    port: started.port,
    deps,
    store,
    digests: digestScheduler,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        await slack.stop().catch((error: unknown) => logger.warn('stopping the Slack receiver failed', { error }));
        favoriteMirror.stop();
        await digestScheduler.stop().catch((error: unknown) => logger.warn('stopping the digest scheduler failed', { error }));
        const drained = await background.drain(stopOptions.drainMs ?? 10_000);
        if (!drained) logger.warn('shutdown went on with work still in flight', { inFlight: background.size });
        await Promise.allSettled([store.close(), gtmhub.close()]);
        logger.info('kpibot stopped');
      })();
      return stopping;
    },
  };
}
