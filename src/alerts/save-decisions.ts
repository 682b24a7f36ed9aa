/**
 * Keeps what a detection decided only where its state could be written: each changed edge state
 * is saved by compare-and-set over the version the rule was read at, together with the rule's
 * firings (the outbox, in the same transaction: a crash after the state was saved cannot lose an
 * alert). A firing survives only when its rule's state was saved (otherwise another poller or the
 * Slack trigger decided first) and the rule is not muted at `at` (Mute for a week: the state still
 * steps, nothing posts).
 */
import type { Detection, Firing } from './detect.js';
import type { AlertFiring, AlertRule, EdgeState } from './types.js';

export interface EdgeStateStore {
  /**
   * Writes the state and queues `firings` (detected at `at`: their slot) in one transaction, if
   * nobody wrote the state since `version`.
   */
  saveState(id: string, version: number, state: Record<string, EdgeState>, firings: readonly AlertFiring[], at: Date): Promise<boolean>;
}

export async function saveDecisions(rules: readonly AlertRule[], detection: Detection, store: EdgeStateStore, at: Date): Promise<Firing[]> {
  const kept: Firing[] = [];
  for (const rule of rules) {
    const state = detection.states.get(rule.id);
    if (state === undefined) continue;
    const muted = rule.mutedUntil !== null && rule.mutedUntil > at;
    const firings = muted ? [] : detection.firings.filter((f) => f.ruleId === rule.id);
    if (await store.saveState(rule.id, rule.stateVersion, state, firings, at)) kept.push(...firings);
  }
  return kept;
}
