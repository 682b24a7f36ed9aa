import type { BackgroundWork } from '../background-work.js';
import type { FavoriteGroups } from '../favorites/favorite-groups.js';
import type { PersonalTokens } from '../personal-tokens/personal-tokens.js';
import type { HomePublisher } from './handlers/home/home-publisher.js';
import type { GtmhubClient } from '../gtmhub/client.js';
import type { KpiCatalogue } from '../kpis/catalogue.js';
import type { People } from '../people/people.js';
import type { HistoriesByLength } from '../kpis/histories-by-length.js';
import type { ChartUploader } from './files/index.js';
import type { RecentValues } from '../kpis/recent-values.js';
import type { ValueRecordedHub } from '../kpis/value-recorded.js';
import type { Logger } from '../log.js';
import type { SubmissionsRepository } from '../store/submissions-repository.js';
import type { AlertSlackDeps } from './alert-deps.js';
import type { CheckinSlackDeps } from './checkin-deps.js';
import type { DigestSlackDeps } from './digest-deps.js';
import type { UserProfiles } from './user-profiles.js';
import type { ResponseUrls } from './response-urls.js';
import type { Clock } from '../time/clock.js';

/** What the Slack listeners work with; built once in the composition root (src/kpibot.ts). */
export interface SlackDeps {
  logger: Logger;
  catalogue: KpiCatalogue;
  recentValues: RecentValues;
  /** Told of every value recorded from Slack (alerts, check-ins subscribe). */
  valueRecorded: ValueRecordedHub;
  /** The workspace client (GTMHUB_TOKEN): reads shared by everyone (catalogue, recent values). */
  gtmhub: GtmhubClient;
  /**
   * The client that acts for a Slack user: their own Gtmhub token when they connected one
   * (/kpi connect), else the workspace client. Writes go through it so Gtmhub shows who did them.
   */
  gtmhubFor(teamId: string, userId: string): Promise<GtmhubClient>;
  submissions: SubmissionsRepository;
  /** Each user's favorite KPI groups (kpibot's store), mirrored to Gtmhub for connected users. */
  favorites: FavoriteGroups;
  /** Personal Gtmhub tokens (/kpi connect, /kpi disconnect); `gtmhubFor` reads them. */
  personalTokens: PersonalTokens;
  /** Publishes each user's Home tab, one publish at a time per user. */
  homes: HomePublisher;
  profiles: UserProfiles;
  /** Posts replies to response_urls (see response-urls.ts). */
  responseUrls: ResponseUrls;
  background: BackgroundWork;
  now: () => number;
  /** What the listeners' own answer budgets run on (default `systemClock`); tests move a fake one. */
  clock?: Clock;
  /** Who may create, edit and delete KPIs from Slack, and who owns what; unset: admins and owners only. */
  kpiAdministration?: KpiAdministration;
  /** Weekly digests (`/kpi digest`); unset: the digest commands say digests are not set up. */
  digests?: DigestSlackDeps;
  /**
   * KPI owners as Slack people (src/people): mentions on cards, details, Home and digests, the KPI
   * form's people picker, `/kpi link|unlink|whoami|mine`. Unset: owners show as Gtmhub ids.
   */
  people?: PeopleDirectory;
  /** Charts on the details (`/kpi show`): the uploader and the longer histories they draw; unset: no charts. */
  charts?: { uploader: ChartUploader; histories: HistoriesByLength };
  /** KPIBOT_UNFURL: Gtmhub KPI links posted in Slack unfurl into the KPI's card (default off here, on in the app). */
  unfurl?: boolean;
  /** Alerts (`/kpi alert`, the alert message's *Mute for a week*); unset: the alert commands say alerts are not set up. */
  alerts?: AlertSlackDeps;
  /** Weekly check-ins (`/kpi remind`); unset: the remind commands say check-ins are not set up. */
  checkins?: CheckinSlackDeps;
  /** Workflow Builder steps: the Gtmhub web app's address for KPI links, and the steps' deadline (default 10 s). */
  steps?: { gtmhubAppUrl: string; deadlineMs?: number };
}

/** What the listeners use of the people directory. */
export type PeopleDirectory = Pick<People, 'forTeam' | 'findGtmhubUser' | 'link' | 'unlink' | 'linkOf'>;

/** Settings of KPI administration from Slack (src/slack/handlers/kpi-admin/). */
export interface KpiAdministration {
  /** KPIBOT_ADMINS: Slack user ids allowed besides workspace admins and owners. */
  admins: ReadonlySet<string>;
}
