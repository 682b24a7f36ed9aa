/**
 * The one factory of kpibot's parts: the store, the Gtmhub client, the KPI catalogue, the owner
 * mapping, the digest subscriptions and the scheduled work (the scheduling engine with every kind
 * registered, posting through the Slack port). The app (`kpibot.ts`), the operator command
 * (`due.ts`) and the sandbox (through `kpibot.ts`) all build them here, so they cannot drift.
 */
import type { Dispatcher } from 'undici';
import type { Config } from './config.js';
import type { Kpi } from './gtmhub/types.js';
import type { OwnerAnswer } from './people/people.js';
import { registerAlerts, type Alerts } from './alerts/alerts.js';
import { catalogueWatchedKpis } from './alerts/watched-kpis.js';
import { registerCheckins, type Checkins } from './checkins/checkins.js';
import { createCheckinContentSource, createCheckinRosters } from './checkins/content-source.js';
import type { CheckinContentSource } from './checkins/content.js';
import { CheckinReminders } from './checkins/reminders.js';
import type { CheckinRosters } from './checkins/roster.js';
import { checkinSnoozeKind } from './checkins/snooze-kind.js';
import type { CatalogueView } from './kpis/catalogue.js';
import type { SnapshotSource } from './kpis/recent-values.js';
import { createDigestContentSource } from './digests/content-source.js';
import { registerDigests, type Digests } from './digests/digests.js';
import type { DigestContentSource, DigestReport } from './digests/report.js';
import { DigestSubscriptions } from './digests/subscriptions.js';
import { GtmhubClient } from './gtmhub/client.js';
import { patientForBackgroundWork } from './gtmhub/retry.js';
import { KpiCatalogue } from './kpis/catalogue.js';
import { ValueRecordedHub } from './kpis/value-recorded.js';
import { WebClient } from '@slack/web-api';
import { GtmhubUserDirectory, People, SlackMemberDirectory } from './people/index.js';
import { toSlackLogger } from './slack-logger.js';
import { slackMemberSource } from './slack/people/member-source.js';
import { installScopes, readGrantedScopes, type InstallScopes } from './slack/scopes.js';
import { PeopleLinksRepository } from './store/people-links-repository.js';
import type { Logger } from './log.js';
import { SchedulingEngine } from './scheduling/engine.js';
import type { Rendered } from './scheduling/kind.js';
import { createSlackPostPort, type SlackMessage } from './slack/scheduling/slack-post-port.js';
import { SCHEDULED_LANES, SLACK_POST_PACE } from './slack/scheduling/slack-pace.js';
import { alertAsText, renderAlert } from './slack/views/alerts/message.js';
import { alertAttention, alertPausedNotice } from './slack/views/alerts/attention.js';
import { checkinAttention } from './slack/views/checkins/attention.js';
import { renderCheckinDm, renderCheckinProgress } from './slack/views/checkins/dm.js';
import { renderUnreachableOwners } from './slack/views/checkins/unreachable.js';
import { renderDigest } from './slack/views/digests/compose.js';
import { digestAttention } from './slack/views/digests/attention.js';
import { digestAsText } from './slack/views/digests/plain-text.js';
import { openStore, type Store } from './store/database.js';
import { systemClock, type Clock } from './time/clock.js';
import { AlertRulesRepository } from './store/alert-rules-repository.js';
import { CheckinPeopleRepository } from './store/checkin-people-repository.js';
import { CheckinRemindersRepository } from './store/checkin-reminders-repository.js';
import { DigestSubscriptionsRepository } from './store/digest-subscriptions-repository.js';
import { FavoritesRepository } from './store/favorites-repository.js';
import { ScheduledDeliveriesRepository } from './store/scheduled-deliveries-repository.js';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Tests give each instance its own SQLite file or PostgreSQL schema. */
  store?: { sqlitePath?: string; schema?: string };
  gtmhubDispatcher?: Dispatcher;
  /** What every deadline and bounded wait runs on (Gtmhub calls, the first KPI load); default real time. */
  clock?: Clock;
  /** "Now"; default the clock's. */
  now?: () => number;
  /** Waits between posts to one channel and after a 429; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** How long one Slack call of a scheduled post may take (default `SCHEDULED_SLACK_TIMEOUT_MS`). */
  slackTimeoutMs?: number;
}

/** The scheduling engine with every kind registered, and the digests' own face on it. */
export interface ScheduledWork {
  engine: SchedulingEngine<SlackMessage>;
  digests: Digests;
  /** Check-ins' Send now; unset when check-ins are not registered (tests of other kinds). */
  checkins?: Checkins;
  /** The alerts' poll and Slack trigger (absent where the options gave no alert sources). */
  alerts?: Alerts;
  instanceId: string;
  /** Polls the alert rules due, then runs every kind's due work, at `at` (default now): what a heartbeat tick does. */
  runDue(at?: Date): Promise<unknown>;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  now: () => number;
  store: Store;
  gtmhub: GtmhubClient;
  catalogue: KpiCatalogue;
  /** KPI owners as Slack people: Gtmhub's users, Slack's members, the manual links. */
  people: People;
  /** The scopes of the Slack install, read once (at start, by the people warm-up); features off say why. */
  installScopes(): Promise<InstallScopes>;
  favorites: FavoritesRepository;
  digestSubscriptions: DigestSubscriptions;
  /** Check-in reminders as people manage them from Slack (`/kpi remind`). */
  checkinReminders: CheckinReminders;
  /** Values recorded from Slack, for whatever must follow one (alerts, check-ins). */
  valueRecorded: ValueRecordedHub;
  /** Builds the engine; `soleEngine` when this process holds the SQLite single-runner lock. */
  createScheduledWork(soleEngine: boolean): ScheduledWork;
  /** Closes the store and the Gtmhub client. */
  close(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const now = options.now ?? ((): number => clock.now());
  const sleep = options.sleep ?? ((ms: number) => clock.sleep(ms));
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
  const { people, scopes } = createPeople({ config, logger, gtmhub, store, now });
  const favorites = new FavoritesRepository(store.db, { now: () => new Date(now()) });
  // "Not updated" lines mention the owners as the people directory knows them.
  const ownersOf = async (teamId: string): Promise<(id: string) => OwnerAnswer> => {
    const view = await people.forTeam(teamId);
    return (id) => view.ownerOf(id);
  };
  const checkinPeople = new CheckinPeopleRepository(store.db, { now: () => new Date(now()) });
  const content = createDigestContentSource({ gtmhub, catalogue, favorites, logger, now, ownersOf, skippedKpis: (teamId, period) => checkinPeople.skippedKpis(teamId, period) });
  const digestSubscriptions = new DigestSubscriptions(new DigestSubscriptionsRepository(store.db, { now: () => new Date(now()) }), { now });
  const alertRules = new AlertRulesRepository(store.db, { now: () => new Date(now()) });
  const alerts: AlertSources = {
    rules: alertRules,
    kpis: catalogueWatchedKpis(catalogue, now),
    kpiOf: async (kpiId) => (await catalogue.get()).byId.get(kpiId),
    source: { getKpiSnapshots: (query) => gtmhub.getKpiSnapshots(query, { policy: patientForBackgroundWork }) },
    intervalMs: config.alertPollMinutes * 60_000,
  };
  const valueRecorded = new ValueRecordedHub(logger.child({ component: 'value-recorded' }));
  const checkins = createCheckinContentSource({
    gtmhub,
    catalogue,
    digestsOf: (teamId, channelId) => digestSubscriptions.listByChannel(teamId, channelId),
    people,
    state: checkinPeople,
    now,
  });
  const checkinStore = new CheckinRemindersRepository(store.db, { now: () => new Date(now()) });
  const rosters = createCheckinRosters({
    catalogue,
    digestsOf: (teamId, channelId) => digestSubscriptions.listByChannel(teamId, channelId),
    people,
    schedules: checkinStore,
    now,
  });

  return {
    config,
    logger,
    clock,
    now,
    store,
    gtmhub,
    catalogue,
    people,
    installScopes: scopes,
    favorites,
    valueRecorded,
    digestSubscriptions,
    checkinReminders: new CheckinReminders({ store: checkinStore, rosters, now }),
    createScheduledWork: (soleEngine) => {
      const work = createScheduledWork({
        store,
        slack: { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, ...(options.slackTimeoutMs !== undefined ? { timeoutMs: options.slackTimeoutMs } : {}) },
        content,
        checkins: { content: checkins, rosters },
        checkinReads: { snapshots: gtmhub, catalogue: () => catalogue.get() },
        alerts,
        logger,
        now,
        soleEngine,
        sleep,
      });
      // A value recorded from Slack is checked at once, and its alert posted.
      if (work.alerts) valueRecorded.subscribe(work.alerts.onRecorded);
      return work;
    },
    async close() {
      await Promise.allSettled([store.close(), gtmhub.close()]);
    },
  };
}

/** What the alerts read: their rules (and outbox), the KPIs from the catalogue, snapshots from Gtmhub. */
export interface AlertSources {
  rules: AlertRulesRepository;
  kpis: ReturnType<typeof catalogueWatchedKpis>;
  kpiOf(kpiId: string): Promise<Kpi | undefined>;
  source: SnapshotSource;
  /** Time between two polls of a rule (KPIBOT_ALERT_POLL_MINUTES). */
  intervalMs: number;
}

export interface ScheduledWorkOptions {
  store: Store;
  /** `timeoutMs`: how long one Slack call of a scheduled post may take. */
  slack: { botToken: string; apiUrl: string; timeoutMs?: number };
  content: DigestContentSource;
  /** What check-in DMs say and whom they reach; without it (tests of other kinds), check-ins are not registered. */
  checkins?: { content: CheckinContentSource; rosters: CheckinRosters };
  /** What a snoozed check-in reads again when it comes (with `checkins`). */
  checkinReads?: { snapshots: SnapshotSource; catalogue(): Promise<CatalogueView> };
  /** What alerts read; without it (tests of other kinds), alerts are not registered. */
  alerts?: AlertSources;
  /** Renders a digest report; default `renderDigest` (tests that fake the content fake this too). */
  renderDigest?: (report: DigestReport) => Rendered<SlackMessage>;
  logger: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  soleEngine: boolean;
  /** Channels posted to at once; default `SCHEDULED_LANES`. */
  laneConcurrency?: number;
}

/** The scheduling engine on `store`, posting to Slack, with every kind registered. */
export function createScheduledWork(options: ScheduledWorkOptions): ScheduledWork {
  const { store, logger, now } = options;
  const port = createSlackPostPort({ ...options.slack, logger });
  const engine = new SchedulingEngine<SlackMessage>({
    claims: new ScheduledDeliveriesRepository(store.db),
    port,
    logger,
    now,
    soleEngine: options.soleEngine,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    laneConcurrency: options.laneConcurrency ?? SCHEDULED_LANES,
    pace: SLACK_POST_PACE,
  });
  const render = options.renderDigest ?? ((report: DigestReport) => renderDigest(report));
  const digests = registerDigests(engine, {
    subscriptions: new DigestSubscriptionsRepository(store.db, { now: () => new Date(now()) }),
    content: options.content,
    render,
    attention: digestAttention,
    describe: (subscription, report) => digestAsText(subscription, renderDigest(report)),
  });
  let checkins: Checkins | undefined;
  if (options.checkins) {
    const dms = new CheckinPeopleRepository(store.db, { now: () => new Date(now()) });
    checkins = registerCheckins(engine, {
      reminders: new CheckinRemindersRepository(store.db, { now: () => new Date(now()) }),
      content: options.checkins.content,
      rosters: options.checkins.rosters,
      render: renderCheckinDm,
      renderUnreachable: renderUnreachableOwners,
      attention: checkinAttention,
      logger: logger.child({ component: 'checkins' }),
      // The DM's own conversation id (not the user id it was posted to): chat.update needs it.
      recordDm: async (dm, messageTs) =>
        dms.recordDm({
          reminderId: dm.reminder.id,
          slackUserId: dm.slackUserId,
          period: dm.period,
          teamId: dm.reminder.teamId,
          channelId: await port.conversationOf(dm.slackUserId),
          messageTs,
          kpiIds: dm.owed.map((o) => o.kpi.id),
          ...(dm.mergedFrom?.length ? { mergedFrom: dm.mergedFrom.map((r) => r.id) } : {}),
        }),
    });
    if (options.checkinReads) {
      engine.register(
        checkinSnoozeKind({
          dms,
          checkinReminders: new CheckinRemindersRepository(store.db),
          ...options.checkinReads,
          render: renderCheckinProgress,
          attention: checkinAttention,
          now,
        }),
      );
    }
  }
  const alerts = options.alerts
    ? registerAlerts(engine, {
        ...options.alerts,
        render: renderAlert,
        describe: alertAsText,
        attention: alertAttention,
        notifyPaused: async (rule, reason) => {
          await port.notify(rule.ownerUserId, alertPausedNotice(rule, reason));
        },
        logger,
        now,
      })
    : undefined;
  return {
    engine,
    digests,
    ...(checkins ? { checkins } : {}),
    ...(alerts ? { alerts } : {}),
    instanceId: engine.instanceId,
    async runDue(at = new Date(now())) {
      // The poll only queues firings (with the rules' states); the run that follows posts them.
      if (alerts) await alerts.poll(at).catch((error: unknown) => logger.error('the alert poll failed; it runs again on the next heartbeat', { error }));
      return engine.runDue(at);
    },
  };
}

/**
 * The people directory: Gtmhub's users and Slack's members read in the background (never on a
 * request path), the manual links from the store. Slack's member list is read only when the install
 * has the scopes for it, which are read once, on the first member read (the warm-up at start).
 */
function createPeople(options: { config: Config; logger: Logger; gtmhub: GtmhubClient; store: Store; now: () => number }): {
  people: People;
  scopes: () => Promise<InstallScopes>;
} {
  const { config, logger, gtmhub, store, now } = options;
  const peopleLogger = logger.child({ component: 'people' });
  const slack = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    // users.list is Tier 2: a 429 waits as Slack says (the client's default), in the background.
    logger: toSlackLogger(logger.child({ component: 'people-slack' })),
  });
  let scopes: Promise<InstallScopes> | undefined;
  const readScopes = (): Promise<InstallScopes> =>
    (scopes ??= readGrantedScopes(slack).then(
      (granted) => installScopes(granted, peopleLogger),
      (error: unknown) => {
        // Unknown scopes turn nothing off (the member read then says for itself what Slack refused).
        peopleLogger.warn('could not read the install’s scopes from Slack (auth.test failed); every feature stays on', { error });
        scopes = undefined;
        return installScopes(undefined, peopleLogger);
      },
    ));
  const people = new People({
    gtmhubUsers: new GtmhubUserDirectory({
      source: { listAllUsers: () => gtmhub.listAllUsers({}, { policy: patientForBackgroundWork }) },
      logger: peopleLogger,
      now,
    }),
    slackMembers: new SlackMemberDirectory({
      source: slackMemberSource(slack),
      logger: peopleLogger,
      allowed: async () => (await readScopes()).isOn('owners_as_people'),
      now,
    }),
    links: new PeopleLinksRepository(store.db, { now: () => new Date(now()) }),
    now,
  });
  return { people, scopes: readScopes };
}
