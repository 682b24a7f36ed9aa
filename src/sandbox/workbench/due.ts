/**
 * The workbench's `due [+30m|+1h|+1d]`: what a heartbeat tick does, now or as if it were that much
 * later — the alert poll (a value written into Gtmhub from elsewhere is found), then every kind's
 * due work (digests, check-ins, a snooze's re-send, alerts). One line for the poll, one per kind.
 */
import type { RunSummary } from '../../scheduling/run-summary.js';
import type { Sandbox } from './environment.js';

export async function runDueAt(sandbox: Sandbox, offsetMs: number): Promise<string> {
  const work = sandbox.kpibot.scheduler.engine;
  const at = new Date(sandbox.kpibot.deps.now() + offsetMs);
  const polled = work.alerts ? await work.alerts.poll(at) : undefined;
  const summaries = await work.engine.runDue(at);
  const kinds = [...summaries].map(([kind, summary]) => `${kind}: ${describeRun(summary)}`).join(' · ') + ` (as at ${at.toISOString()})`;
  return polled ? `alert poll: ${polled.firings.length} crossing(s) found, ${polled.reads} Gtmhub read(s)\n${kinds}` : kinds;
}

/** A run's counts in words: "1 sent, 2 skipped", or "nothing due". */
export function describeRun(summary: RunSummary | undefined): string {
  if (!summary) return 'nothing';
  const parts = (['sent', 'skipped', 'missed', 'failed', 'retrying', 'busy', 'paused'] as const).filter((k) => summary[k] > 0).map((k) => `${summary[k]} ${k}`);
  return parts.length === 0 ? 'nothing due' : parts.join(', ');
}
