import type { webApi } from '@slack/bolt';
import { kpiAdminRefusal, mayAdministerKpis, ROLE_UNCONFIRMED, type KpiAdminAct } from '../../../kpis/kpi-admins.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { KpiAdministration, SlackDeps } from '../../deps.js';
import type { UserProfile } from '../../user-profiles.js';
import { kpiAdminActions } from '../../views/kpi-admin-actions.js';

/** Slack answers within 3 s: the users.info wait before a views.open or an ack is bounded by this. */
export const PROFILE_WAIT_MS = 1_500;

const NO_ADMINISTRATION: KpiAdministration = { admins: new Set() };

export function kpiAdministrationOf(deps: SlackDeps): KpiAdministration {
  return deps.kpiAdministration ?? NO_ADMINISTRATION;
}

/** For views that already hold the user's profile (the details card). */
export function mayAdminister(deps: SlackDeps, profile: UserProfile): boolean {
  return mayAdministerKpis(profile, kpiAdministrationOf(deps).admins);
}

/** *Edit* and *Delete* for the details card, or nothing for users who may not administer KPIs. */
export function adminActionsFor(deps: SlackDeps, profile: UserProfile, kpi: Pick<Kpi, 'id' | 'name'>): ReturnType<typeof kpiAdminActions> {
  return mayAdminister(deps, profile) ? kpiAdminActions(kpi) : [];
}

/**
 * The refusal sentence, or undefined when the user may. KPIBOT_ADMINS is checked before users.info
 * is needed. `waitMs` bounds the wait for users.info where Slack must be answered within 3 s; a
 * profile that did not come in time gets "could not confirm your role" (nothing is done, and a
 * real admin is not told they are none).
 */
export async function refusalFor(
  deps: SlackDeps,
  client: webApi.WebClient,
  userId: string,
  act: KpiAdminAct,
  options: { waitMs?: number } = {},
): Promise<string | undefined> {
  if (kpiAdministrationOf(deps).admins.has(userId)) return undefined;
  const profile = options.waitMs === undefined ? await deps.profiles.get(client, userId) : await deps.profiles.within(client, userId, options.waitMs);
  if (profile === undefined) return ROLE_UNCONFIRMED;
  return mayAdminister(deps, profile) ? undefined : kpiAdminRefusal(act);
}
