/**
 * The real check-in content source as the runtime builds it: the workspace Gtmhub client for
 * snapshots, the shared catalogue, the channel's digests for "every KPI the channel's digests
 * cover", the people directory for owners, and the per-person state (Not this week, opt-outs).
 */
import type { DigestSubscription } from '../digests/types.js';
import type { GtmhubClient } from '../gtmhub/client.js';
import type { CatalogueView, KpiCatalogue } from '../kpis/catalogue.js';
import type { People } from '../people/people.js';
import type { CheckinPeopleRepository } from '../store/checkin-people-repository.js';
import { CheckinContentSource } from './content.js';

/** A view at most this old is used as is (as the digests do). */
const CATALOGUE_MAX_AGE_MS = 5 * 60_000;

export function createCheckinContentSource(deps: {
  gtmhub: Pick<GtmhubClient, 'getKpiSnapshots'>;
  catalogue: Pick<KpiCatalogue, 'peek' | 'refresh'>;
  digestsOf(teamId: string, channelId: string): Promise<DigestSubscription[]>;
  people: Pick<People, 'forTeam'>;
  state: Pick<CheckinPeopleRepository, 'skippedBy' | 'optedOut' | 'stopped'>;
  now: () => number;
}): CheckinContentSource {
  return new CheckinContentSource({
    snapshots: deps.gtmhub,
    async catalogue() {
      const view = deps.catalogue.peek();
      return view && deps.now() - view.loadedAt <= CATALOGUE_MAX_AGE_MS ? view : deps.catalogue.refresh();
    },
    channelDigestKpis: async (teamId, channelId, view) => (await deps.digestsOf(teamId, channelId)).flatMap((s) => kpisOfDigest(s, view)),
    async reachOf(teamId) {
      const people = await deps.people.forTeam(teamId);
      return (gtmhubUserId) => {
        const owner = people.ownerOf(gtmhubUserId);
        return owner.kind === 'slack' ? { kind: 'slack', slackUserId: owner.slackUserId } : { kind: 'unreachable', reason: 'no_slack_person' };
      };
    },
    async personState(teamId, slackUserId, period, reminderId) {
      const [skipped, optedOut, stopped] = await Promise.all([deps.state.skippedBy(teamId, slackUserId, period), deps.state.optedOut(teamId), deps.state.stopped(reminderId, slackUserId)]);
      // Stopped this one reminder (*Stop reminders from #channel*): as good as off, for it only.
      return { skipped, optedOut: optedOut.has(slackUserId) || stopped };
    },
  });
}

/** The KPI ids a digest covers now (favorites count as none: they are one person's, not the channel's). */
function kpisOfDigest(subscription: DigestSubscription, view: CatalogueView): string[] {
  const { selection } = subscription;
  if (selection.kind === 'kpis') return selection.kpiIds;
  if (selection.kind === 'favorites') return [];
  const wanted = new Set(selection.groupIds);
  return view.kpis.filter((k) => k.groups.some((g) => wanted.has(g))).map((k) => k.id);
}
