/**
 * How a KPI owner shows in Slack, wherever one appears (cards, details, Home, digests): the Slack
 * person as a mention `<@U…>` (Slack shows their name), else the Gtmhub name, else the raw Gtmhub id,
 * which only shows when nothing else is known. Pure: the answers come from `PeopleView.ownerOf`.
 */
import type { Kpi } from '../../gtmhub/types.js';
import { ownerIdsOfKpi } from '../../kpis/kpi-owners.js';
import type { OwnerAnswer } from '../../people/people.js';
import { clip, escapeMrkdwn } from './blocks.js';

/** Who a Gtmhub user id is; a view without one shows ids. */
export type OwnerLookup = (gtmhubUserId: string) => OwnerAnswer;

/** Owners are listed until their labels take this many characters; the rest are counted. */
export const OWNERS_TEXT_MAX = 300;
/** A Gtmhub name is clipped so that one long name cannot crowd out the others. */
const NAME_MAX = 80;

/** One owner as mrkdwn. */
export function ownerMrkdwn(answer: OwnerAnswer): string {
  switch (answer.kind) {
    case 'slack':
      return `<@${answer.slackUserId}>`;
    case 'gtmhub_name':
      return escapeMrkdwn(clip(answer.name, NAME_MAX));
    case 'id':
      return escapeMrkdwn(clip(answer.gtmhubUserId, NAME_MAX));
  }
}

/** What a view shows for `id` with `lookup`, or the id itself without one. */
export function ownerLabel(id: string, lookup: OwnerLookup | undefined): string {
  return ownerMrkdwn(lookup ? lookup(id) : { kind: 'id', gtmhubUserId: id });
}

/**
 * `<@U1>, Ada Lovelace and 2 more` — whole labels only (a clipped `<@U12…` or `&am…` would show as
 * garbage), then how many were left out; `undefined` for a KPI without owners.
 */
export function ownersText(ids: readonly string[], lookup: OwnerLookup | undefined, max: number = OWNERS_TEXT_MAX): string | undefined {
  if (ids.length === 0) return undefined;
  const shown: string[] = [];
  let length = 0;
  for (const [i, id] of ids.entries()) {
    const text = ownerLabel(id, lookup);
    // Room for " and 999 more" while more owners follow this one.
    const suffix = i < ids.length - 1 ? ` and ${ids.length - i - 1} more`.length : 0;
    if (shown.length > 0 && length + 2 + text.length + suffix > max) break;
    shown.push(text);
    length += (shown.length > 1 ? 2 : 0) + text.length;
  }
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** The owners of `kpi` as `ownersText` writes them. */
export function kpiOwnersText(kpi: Pick<Kpi, 'ownerIds' | 'ownerId'>, lookup: OwnerLookup | undefined, max: number = OWNERS_TEXT_MAX): string | undefined {
  return ownersText(ownerIdsOfKpi(kpi), lookup, max);
}
