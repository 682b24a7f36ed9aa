/**
 * Keeps what a detection decided only where its state could be written: each changed edge state
 * is saved by compare-and-set over the version the rule was read at, and a firing survives only
 * when its rule's state was saved (otherwise another poller or the Slack trigger decided first)
 * and the rule is not muted at `at` (Mute for a week: the state still steps, nothing posts).
 */
import type { Detection, Firing } from './detect.js';
import type { AlertRule, EdgeState } from './types.js';

export interface EdgeStateStore {
  saveState(id: string, version: number, state: Record<string, EdgeState>): Promise<boolean>;
}

export async function saveDecisions(rules: readonly AlertRule[], detection: Detection, store: EdgeStateStore, at: Date): Promise<Firing[]> {
  const saved = new Set<string>();
  for (const rule of rules) {
    const state = detection.states.get(rule.id);
    const muted = rule.mutedUntil !== null && rule.mutedUntil > at;
    if (state !== undefined && (await store.saveState(rule.id, rule.stateVersion, state)) && !muted) saved.add(rule.id);
  }
  return detection.firings.filter((f) => saved.has(f.ruleId));
}
