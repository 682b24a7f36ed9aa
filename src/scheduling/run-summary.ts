/** What a run did for one kind, for logs and the `npm run due` summary. */
export interface RunSummary {
  sent: number;
  skipped: number;
  missed: number;
  failed: number;
  /** Left for a later heartbeat: build/post errors with retries left (or waiting out their backoff), rate limits, unknown outcomes. */
  retrying: number;
  /** Another instance (or a Send now) held the claim. */
  busy: number;
  paused: number;
  /** Workspaces whose token Slack refused. */
  haltedWorkspaces: string[];
}

export const SUMMARY_COUNTS = ['sent', 'skipped', 'missed', 'failed', 'retrying', 'busy', 'paused'] as const;

export function emptySummary(): RunSummary {
  return { sent: 0, skipped: 0, missed: 0, failed: 0, retrying: 0, busy: 0, paused: 0, haltedWorkspaces: [] };
}

/** Several kinds' summaries as one. */
export function addSummaries(summaries: readonly RunSummary[]): RunSummary {
  const total = emptySummary();
  for (const summary of summaries) {
    for (const count of SUMMARY_COUNTS) total[count] += summary[count];
    total.haltedWorkspaces = [...new Set([...total.haltedWorkspaces, ...summary.haltedWorkspaces])];
  }
  return total;
}
