/**
 * The real check-in content source as the runtime builds it: the workspace Gtmhub client for
 * snapshots, the shared catalogue, the channel's digests for "every KPI the channel's digests
 * cover", the people directory for owners, and the per-person state (Not this week, opt-outs).
 */
import type { DigestSubscription } from '../digests/types.js';
import type { GtmhubClient } from '../gtmhub/client.js';
import type { CatalogueView, KpiCatalogue } from '../kpis/catalogue.js';
import type { People, PeopleView } from '../people/people.js';
import type { CheckinPeopleRepository } from '../store/checkin-people-repository.js';
import { CheckinContentSource } from './content.js';
import type { Reach } from './owed.js';
import { CheckinRosters, type ScheduleStore } from './roster.js';

/** A view at most this old is used as is (as the digests do). */
const CATALOGUE_MAX_AGE_MS = 5 * 60_000;

export function createCheckinContentSource(deps: {
  gtmhub: Pick<GtmhubClient, 'getKpiSnapshots'>;
  catalogue: Pick<KpiCatalogue, 'peek' | 'refresh'>;
  digestsOf(teamId: string, channelId: string): Promise<DigestSubscription[]>;
  people: Pick<People, 'forTeam' | 'isDeactivatedInSlack'>;
  state: Pick<CheckinPeopleRepository, 'skippedBy' | 'optedOut' | 'stopped'>;
  now: () => number;
}): CheckinContentSource {
  return new CheckinContentSource({
    snapshots: deps.gtmhub,
    catalogue: () => freshCatalogue(deps.catalogue, deps.now),
    channelDigestKpis: async (teamId, channelId, view) => (await deps.digestsOf(teamId, channelId)).flatMap((s) => kpisOfDigest(s, view)),
    reachOf: async (teamId) => reachIn(await deps.people.forTeam(teamId), deps.people),
    async personState(teamId, slackUserId, period, reminderId) {
      const [skipped, optedOut, stopped] = await Promise.all([deps.state.skippedBy(teamId, slackUserId, period), deps.state.optedOut(teamId), deps.state.stopped(reminderId, slackUserId)]);
      // Stopped this one reminder (*Stop reminders from #channel*): as good as off, for it only.
      return { skipped, optedOut: optedOut.has(slackUserId) || stopped };
    },
  });
}

/** The reminders' people as the runtime builds them: the same catalogue, digests and people directory. */
export function createCheckinRosters(deps: {
  catalogue: Pick<KpiCatalogue, 'peek' | 'refresh'>;
  digestsOf(teamId: string, channelId: string): Promise<DigestSubscription[]>;
  people: Pick<People, 'forTeam' | 'isDeactivatedInSlack' | 'slackZoneOf'>;
  schedules: ScheduleStore;
  now: () => number;
}): CheckinRosters {
  return new CheckinRosters({
    schedules: deps.schedules,
    catalogue: () => freshCatalogue(deps.catalogue, deps.now),
    channelDigestKpis: async (teamId, channelId, view) => (await deps.digestsOf(teamId, channelId)).flatMap((s) => kpisOfDigest(s, view)),
    async people(teamId) {
      const view = await deps.people.forTeam(teamId);
      return {
        reachOf: reachIn(view, deps.people),
        zoneOf: (slackUserId) => deps.people.slackZoneOf(slackUserId),
        nameOf(gtmhubUserId) {
          const owner = view.ownerOf(gtmhubUserId);
          return owner.kind === 'id' ? owner.gtmhubUserId : (owner.name ?? owner.gtmhubUserId);
        },
        complete: view.gtmhubUsers === 'loaded' && view.slackMembers === 'loaded',
      };
    },
  });
}

function freshCatalogue(catalogue: Pick<KpiCatalogue, 'peek' | 'refresh'>, now: () => number): Promise<CatalogueView> {
  const view = catalogue.peek();
  return view && now() - view.loadedAt <= CATALOGUE_MAX_AGE_MS ? Promise.resolve(view) : catalogue.refresh();
}

/** How each Gtmhub owner is reached: their Slack person, else why not (left Slack, or never matched). */
function reachIn(view: PeopleView, people: Pick<People, 'isDeactivatedInSlack'>): (gtmhubUserId: string) => Reach {
  return (gtmhubUserId) => {
    const owner = view.ownerOf(gtmhubUserId);
    if (owner.kind === 'slack') return { kind: 'slack', slackUserId: owner.slackUserId };
    return { kind: 'unreachable', reason: people.isDeactivatedInSlack(gtmhubUserId) ? 'deactivated' : 'no_slack_person' };
  };
}

/** The KPI ids a digest covers now (favorites count as none: they are one person's, not the channel's). */
function kpisOfDigest(subscription: DigestSubscription, view: CatalogueView): string[] {
  const { selection } = subscription;
  if (selection.kind === 'kpis') return selection.kpiIds;
  if (selection.kind === 'favorites') return [];
  const wanted = new Set(selection.groupIds);
  return view.kpis.filter((k) => k.groups.some((g) => wanted.has(g))).map((k) => k.id);
}
