import { ActionIds, BlockIds } from '../../ids.js';
import { inputOf, type ViewState } from '../../payloads/view-state.js';

/** The log modal's inputs (parsed view.state), as the handlers that fill and submit it use them. */
export interface LogModalState {
  kpiId: string | undefined;
  valueText: string | undefined;
  period: string | undefined;
}

export function readLogModalState(state: ViewState): LogModalState {
  return {
    kpiId: inputOf(state, { block: BlockIds.kpiPicker, action: ActionIds.kpiPicker })?.selectedOption,
    valueText: inputOf(state, { block: BlockIds.value, action: ActionIds.valueInput })?.value,
    period: inputOf(state, { block: BlockIds.period, action: ActionIds.periodSelect })?.selectedOption,
  };
}
