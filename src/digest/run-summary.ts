/** What `runDue` did, for logs and the `npm run digest` summary. */
export interface RunSummary {
  sent: number;
  skipped: number;
  missed: number;
  failed: number;
  /** Left for a later heartbeat: Gtmhub/Slack errors with retries left (or waiting out their backoff), rate limits, unknown outcomes. */
  retrying: number;
  /** Another instance (or a Send now) held the claim. */
  busy: number;
  paused: number;
  /** Workspaces whose token Slack refused. */
  haltedTeams: string[];
}

export function emptySummary(): RunSummary {
  return { sent: 0, skipped: 0, missed: 0, failed: 0, retrying: 0, busy: 0, paused: 0, haltedTeams: [] };
}
