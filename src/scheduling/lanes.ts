/**
 * Runs work grouped by lane (a channel): strictly one item at a time per lane, in the order given,
 * and at most `concurrency` lanes at once. The engine passes 1 today: then everything runs in a
 * row in the order given, so that a lane's pacing wait (one post per second per channel) falls
 * between other lanes' posts instead of holding up the whole run. Paced concurrent delivery across
 * channels (issue 13) raises it without reshaping the engine.
 */
export async function runInLanes<T>(items: readonly T[], laneOf: (item: T) => string, work: (item: T) => Promise<void>, concurrency = 1): Promise<void> {
  if (concurrency <= 1) {
    for (const item of items) await work(item);
    return;
  }
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const lane = laneOf(item);
    const queue = lanes.get(lane);
    if (queue) queue.push(item);
    else lanes.set(lane, [item]);
  }
  const waiting = [...lanes.values()];
  const worker = async (): Promise<void> => {
    for (let lane = waiting.shift(); lane !== undefined; lane = waiting.shift()) {
      for (const item of lane) await work(item);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, waiting.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
