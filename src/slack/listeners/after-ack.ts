/**
 * Gives the event loop back right after `ack()`, one listener at a time. Bolt sends the
 * acknowledgement when `ack()` resolves, but the listener then runs on synchronously (search over
 * 20,000 names, week arithmetic: a few milliseconds). When a burst of commands arrives together,
 * their listeners would all resume in the same turn of the event loop, and every request behind
 * them would not even be read until all of that work was done: its ack would wait (the ack
 * benchmark measured p99 × 8.7 against a bare Bolt app). So each listener resumes in a turn of its
 * own, after the one before it, with the loop reading what has arrived in between.
 */
let lastTurn: Promise<void> = Promise.resolve();

export function afterAck(): Promise<void> {
  const turn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  lastTurn = turn;
  return turn;
}
