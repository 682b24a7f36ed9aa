/**
 * Who may create, edit and delete KPIs from Slack: workspace admins and owners (users.info
 * `is_admin`/`is_owner`), and the Slack user ids listed in KPIBOT_ADMINS. Checked on every step —
 * the command, the button and the submission — because each is a separate request.
 */
export interface KpiAdminCandidate {
  id: string;
  isAdmin: boolean;
  isOwner: boolean;
}

/** What a KPI admin may do: KPIs, and which Slack member is which Gtmhub user (`/kpi link`, `/kpi unlink`). */
export type KpiAdminAct = 'create' | 'edit' | 'delete' | 'link' | 'unlink';

export function mayAdministerKpis(user: KpiAdminCandidate, admins: ReadonlySet<string>): boolean {
  return user.isAdmin || user.isOwner || admins.has(user.id);
}

/** The one sentence a refused user reads: who can, and what to do. */
export function kpiAdminRefusal(act: KpiAdminAct): string {
  const what = act === 'link' ? 'link Slack people to Gtmhub users' : act === 'unlink' ? 'unlink Slack people from Gtmhub users' : `${act} KPIs`;
  return `Only workspace admins and owners, and the people listed in KPIBOT_ADMINS, can ${what}; ask one of them.`;
}

/**
 * When Slack did not say in time whether the user is an admin (users.info is slow and the 3 s
 * answer cannot wait): not a refusal, since the user may well be one.
 */
export const ROLE_UNCONFIRMED = 'kpibot could not confirm your role with Slack in time; try again.';
