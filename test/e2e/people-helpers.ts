/**
 * What e2e suites with KPI owners as Slack people share: the demo people's Gtmhub ids, and waiting
 * until kpibot has read both directories.
 */
import type { Harness } from '../helpers/harness.js';

export const TEAM = 'T0SANDBOX';

export function gtmhubUserId(h: Harness, email: string): string {
  const user = [...h.gtmhub.state.users.values()].find((u) => u.email.toLowerCase() === email);
  if (!user) throw new Error(`the Gtmhub simulator has no user ${email}`);
  return user.id;
}

/** Waits until kpibot has read Gtmhub's users and Slack's members (both load in the background at start). */
export async function peopleLoaded(h: Harness): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const view = await h.kpibot.deps.people!.forTeam(TEAM);
    if (view.gtmhubUsers === 'loaded' && view.slackMembers === 'loaded') return;
    if (Date.now() > deadline) throw new Error(`people did not load: Gtmhub ${view.gtmhubUsers}, Slack ${view.slackMembers}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
