import { BackgroundWork } from './background-work.js';
import { AlertRulesRepository } from './store/alert-rules-repository.js';
import { CheckinPeopleRepository } from './store/checkin-people-repository.js';
import type { CheckinSlackDeps } from './slack/checkin-deps.js';
import { FavoriteGroups } from './favorites/favorite-groups.js';
import { FavoriteMirror } from './favorites/mirror.js';
import { PersonalTokens } from './personal-tokens/personal-tokens.js';
import { HomePublisher } from './slack/handlers/home/home-publisher.js';
import { TokenCipher } from './store/token-cipher.js';
import { UserTokensRepository } from './store/user-tokens-repository.js';
import { RecentValues } from './kpis/recent-values.js';
import { settleStalePending } from './kpis/sweep-submissions.js';
import { createSlackApp } from './slack/app.js';
import { createChartUploader } from './slack/files/index.js';
import { HistoriesByLength } from './kpis/histories-by-length.js';
import type { SlackDeps } from './slack/deps.js';
import type { CheckinReminders } from './checkins/reminders.js';
import { webAppUrlOf } from './gtmhub/assumptions.js';
import { registerListeners } from './slack/listeners/index.js';
import { checkinDmUpdater } from './slack/handlers/checkins/value-recorded.js';
import { takeTurn } from './slack/handlers/common/turns.js';
import { UserProfiles } from './slack/user-profiles.js';
import { createResponseUrls } from './slack/response-urls.js';
import type { Store } from './store/database.js';
import { SubmissionsRepository } from './store/submissions-repository.js';
import { createRuntime, type RuntimeOptions, type ScheduledWork } from './runtime.js';
import { startScheduler, type RunningScheduler } from './scheduling/scheduler.js';

/** What the runtime takes (`store`: tests give each instance its own SQLite file or PostgreSQL schema), and: */
export interface KpibotOptions extends Pick<RuntimeOptions, 'config' | 'logger' | 'store' | 'gtmhubDispatcher' | 'now' | 'clock'> {
  /**
   * Scheduled work (weekly digests, …). `scheduler: false` runs no heartbeat (tests that do not
   * need it; a deployment that runs `npm run due` from cron instead); Send now works either way.
   */
  scheduling?: { scheduler?: boolean; sleep?: (ms: number) => Promise<void> };
}

export interface RunningKpibot {
  /** The bound HTTP port (HTTP mode; PORT=0 binds a free one). */
  port: number | undefined;
  deps: SlackDeps;
  store: Store;
  /** The scheduler: its engine (`engine.digests.sendNow`…) and whether this process runs the heartbeat. */
  scheduler: RunningScheduler<ScheduledWork>;
  /** Stops taking requests, lets in-flight work finish (bounded), closes the database. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/** `/kpi remind`: the people's settings, the reminders, and Send now on the engine. */
function checkinDeps(people: CheckinPeopleRepository, reminders: CheckinReminders, scheduler: RunningScheduler<ScheduledWork>): CheckinSlackDeps {
  return {
    setOptedOut: (teamId, slackUserId, optedOut) => people.setOptedOut(teamId, slackUserId, optedOut),
    optedOut: (teamId) => people.optedOut(teamId),
    dms: people,
    checkinReminders: reminders,
    sendNow(reminderId) {
      const checkins = scheduler.engine.checkins;
      if (!checkins) throw new Error('Check-ins are not registered on the scheduling engine.');
      return checkins.sendNow(reminderId);
    },
  };
}

/**
 * The app's composition root: the runtime (store, Gtmhub client, catalogue, owners, scheduled
 * work: `runtime.ts`) → the app's own services → Bolt app → listeners → start. `main.ts` calls it
 * with the environment; the end-to-end tests and the sandbox call it with the simulators' URLs.
 */
export async function startKpibot(options: KpibotOptions): Promise<RunningKpibot> {
  const { config, logger } = options;
  const runtime = await createRuntime({
    config,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.gtmhubDispatcher ? { gtmhubDispatcher: options.gtmhubDispatcher } : {}),
    ...(options.scheduling?.sleep ? { sleep: options.scheduling.sleep } : {}),
  });
  const { store, gtmhub, catalogue, people, clock, now } = runtime;
  const background = new BackgroundWork(logger);
  const personalTokens = new PersonalTokens({
    // No KPIBOT_SECRET_KEY: no safe place for tokens, so /kpi connect explains that instead.
    repository: config.secretKey ? new UserTokensRepository(store.db, new TokenCipher(config.secretKey), { now: () => new Date(now()) }) : undefined,
    workspace: gtmhub,
    gtmhubAppUrl: webAppUrlOf(config.gtmhub.apiUrl),
    logger: logger.child({ component: 'personal-tokens' }),
    now,
  });
  const favoritesRepository = runtime.favorites;
  const favoriteMirror = new FavoriteMirror({
    repository: favoritesRepository,
    personalWriter: (teamId, userId) => personalTokens.personalClient(teamId, userId),
    logger: logger.child({ component: 'favorites' }),
    now,
  });
  // Started before the HTTP server, so that a Send now click can never arrive before the engine exists.
  const scheduler = startScheduler({
    location: { url: config.databaseUrl, sqlitePath: options.store?.sqlitePath },
    logger,
    // KPIBOT_SCHEDULER=off: cron runs `npm run due`; this process neither ticks nor takes the SQLite lock.
    heartbeat: options.scheduling?.scheduler ?? config.scheduler === 'on',
    createEngine: (soleEngine) => runtime.createScheduledWork(soleEngine),
  });
  const responseUrls = createResponseUrls();
  const deps: SlackDeps = {
    logger,
    catalogue,
    // Lookups resume in turns (after-ack): the ones already queued share one read of their values.
    recentValues: new RecentValues({ source: gtmhub, now, gather: takeTurn }),
    valueRecorded: runtime.valueRecorded,
    gtmhub,
    gtmhubFor: (teamId, userId) => personalTokens.clientFor(teamId, userId),
    favorites: new FavoriteGroups(favoritesRepository, favoriteMirror, (teamId, userId) => personalTokens.personalClient(teamId, userId)),
    personalTokens,
    homes: new HomePublisher(),
    submissions: new SubmissionsRepository(store.db),
    profiles: new UserProfiles({ logger, clock }),
    responseUrls,
    background,
    now,
    clock,
    digests: {
      subscriptions: runtime.digestSubscriptions,
      sendNow: (subscriptionId) => scheduler.engine.digests.sendNow(subscriptionId),
    },
    kpiAdministration: { admins: new Set(config.admins) },
    people,
    checkins: checkinDeps(new CheckinPeopleRepository(store.db, { now: () => new Date(now()) }), runtime.checkinReminders, scheduler),
    steps: { gtmhubAppUrl: webAppUrlOf(config.gtmhub.apiUrl) },
    alerts: { rules: new AlertRulesRepository(store.db, { now: () => new Date(now()) }) },
  };
  const slack = createSlackApp({
    config,
    logger,
    background,
    health: () => ({ kpis: catalogue.peek()?.kpis.length ?? null, database: store.dialect }),
  });
  // Charts on the details: uploaded with the app's own client (files:write, im:write for the DM share).
  deps.unfurl = config.unfurl;
  deps.charts = { uploader: createChartUploader({ client: slack.app.client }), histories: new HistoriesByLength({ source: gtmhub, now }) };
  registerListeners(slack.app, deps);
  // A value logged anywhere in Slack shows as done in the person's open check-in DMs.
  runtime.valueRecorded.subscribe(checkinDmUpdater(deps, slack.app.client));
  let started: { port: number | undefined };
  try {
    started = await slack.start();
  } catch (error) {
    await Promise.allSettled([scheduler.stop(), runtime.close()]);
    throw error;
  }
  // Favorite toggles that Gtmhub did not take are retried in the background.
  favoriteMirror.start();
  // Warm the catalogue so the first lookup rarely waits; read the people (and the install's scopes) likewise.
  catalogue.refreshInBackground();
  people.warmUp();
  background.run('settling stale submissions', () => settleStalePending(deps.submissions, now(), logger));
  logger.info('kpibot started', { port: started.port, mode: config.slack.appToken ? 'socket' : 'http', database: store.dialect });

  let stopping: Promise<void> | undefined;
  return {
    port: started.port,
    deps,
    store,
    scheduler,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        await slack.stop().catch((error: unknown) => logger.warn('stopping the Slack receiver failed', { error }));
        favoriteMirror.stop();
        await scheduler.stop().catch((error: unknown) => logger.warn('stopping the scheduler failed', { error }));
        const drained = await background.drain(stopOptions.drainMs ?? 10_000);
        if (!drained) logger.warn('shutdown went on with work still in flight', { inFlight: background.size });
        await Promise.allSettled([runtime.close(), responseUrls.close()]);
        logger.info('kpibot stopped');
      })();
      return stopping;
    },
  };
}

