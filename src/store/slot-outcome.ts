/**
 * How a slot ended, written to the two columns every scheduled subject's table keeps for
 * operators (`consecutive_failures`, `last_error`). One function serves the `advance()` of
 * digests, alerts and check-ins, so the three kinds count failures the same way.
 */
import type { Expression, ExpressionBuilder } from 'kysely';
import type { SlotOutcome } from '../scheduling/kind.js';

/** The columns a table needs to record how its slots end. */
export interface SlotOutcomeColumns {
  consecutive_failures: number;
  last_error: string | null;
}

/** What `slotOutcomeColumns` adds to an update's `set`. */
export type SlotOutcomeValues = { consecutive_failures?: number | Expression<number>; last_error?: string | null };

/**
 * The values to `set` for `outcome`: `done` resets the count and the error, `failed` adds one to
 * the count and stores its error, `missed` writes neither (kpibot was not running: a missed slot
 * says nothing about whether the work succeeds).
 *
 * `eb` is the update's expression builder, on any table with both columns (tsc rejects others).
 * Kysely cannot resolve a column of a table left generic, so the implementation is typed for one
 * such table: the SQL is the same for all, as `consecutive_failures` is not qualified.
 */
export function slotOutcomeColumns<T extends string>(eb: ExpressionBuilder<Record<T, SlotOutcomeColumns>, T>, outcome: SlotOutcome): SlotOutcomeValues;
export function slotOutcomeColumns(eb: ExpressionBuilder<Record<'subject', SlotOutcomeColumns>, 'subject'>, outcome: SlotOutcome): SlotOutcomeValues {
  switch (outcome.kind) {
    case 'done':
      return { consecutive_failures: 0, last_error: null };
    case 'failed':
      return { consecutive_failures: eb('consecutive_failures', '+', 1), last_error: outcome.error };
    case 'missed':
      return {};
  }
}
