import { takeTurn } from '../handlers/common/turns.js';

/**
 * Gives the event loop back right after `ack()`: Bolt sends the acknowledgement when `ack()`
 * resolves, but the listener would then run on synchronously. Each listener resumes in a turn of its
 * own (see `takeTurn`), so the requests behind it are read and acknowledged first.
 */
export function afterAck(): Promise<void> {
  return takeTurn();
}
