/**
 * The people directory as the handlers ask it: who a workspace's KPI owners are. A failure (the
 * store cannot read the links) is logged and answered as "nobody is known", so a card still shows
 * (with Gtmhub ids) instead of failing.
 */
import { ownerMappingFrom, type OwnerMapping } from '../../../kpis/kpi-form.js';
import { ownerMappingOf, type PeopleView } from '../../../people/people.js';
import type { SlackDeps } from '../../deps.js';
import type { OwnerLookup } from '../../views/owners.js';

const NOBODY: OwnerMapping = ownerMappingFrom(new Map());

/** The workspace's view, or undefined when people are not set up or could not be read. */
export async function peopleViewFor(deps: SlackDeps, teamId: string | undefined): Promise<PeopleView | undefined> {
  if (!deps.people || teamId === undefined) return undefined;
  try {
    return await deps.people.forTeam(teamId);
  } catch (error) {
    deps.logger.warn('KPI owners shown as Gtmhub ids: the people directory could not be read', { error });
    return undefined;
  }
}

/** Who owners are, for the views (cards, details, Home); undefined: they show as ids. */
export async function ownerLookupFor(deps: SlackDeps, teamId: string | undefined): Promise<OwnerLookup | undefined> {
  const view = await peopleViewFor(deps, teamId);
  return view ? (id) => view.ownerOf(id) : undefined;
}

/** Slack user ↔ Gtmhub user, for the KPI form's people picker. */
export async function ownerMappingFor(deps: SlackDeps, teamId: string): Promise<OwnerMapping> {
  const view = await peopleViewFor(deps, teamId);
  return view ? ownerMappingOf(view) : NOBODY;
}
