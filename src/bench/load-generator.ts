/**
 * Slack's side of the ack benchmark, in a process of its own: it sends the signed commands it is
 * given, a burst at a time, and times each until the app's HTTP answer. Timed here rather than in
 * the benchmark's process, because that process also runs the Gtmhub and Slack simulators: while
 * kpibot's side runs they answer its Gtmhub reads and take its replies (the bare Bolt app makes them
 * do nothing), and a clock sharing their event loop measured that work as kpibot's ack latency
 * (the driver's loop stalled up to 64 ms during kpibot's sides, 24 ms during the bare app's).
 *
 * `node dist/bench/load-generator.js`; the messages are in `load-protocol.ts`.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSlackDriver } from '../sandbox/slack/index.js';
import { isLoadRequest, type LoadAnswer, type LoadRequest } from './load-protocol.js';

const send = (message: LoadAnswer): void => void process.send?.(message);

async function runSide(request: Extract<LoadRequest, { kind: 'side' }>): Promise<LoadAnswer> {
  const driver = createSlackDriver({ appUrl: request.appUrl, signingSecret: request.signingSecret });
  const bursts: number[][] = [];
  const failures: string[] = [];
  for (const burst of request.bursts) {
    const spacing = sleep(request.spacingMs);
    const latencies: number[] = [];
    await Promise.all(
      burst.map(async ({ text, input }) => {
        const start = performance.now();
        const response = await driver.command(text, input);
        latencies.push(performance.now() - start);
        if (response.status !== 200) failures.push(`/kpi ${text} was answered with ${response.status}: ${response.body.slice(0, 200)}`);
      }),
    );
    bursts.push(latencies);
    await spacing;
  }
  return { kind: 'side-done', bursts, failures };
}

process.on('message', (message: unknown) => {
  if (!isLoadRequest(message)) return;
  if (message.kind === 'stop') process.exit(0);
  runSide(message).then(send, (error: unknown) => {
    send({ kind: 'side-done', bursts: [], failures: [error instanceof Error ? error.message : String(error)] });
  });
});
send({ kind: 'ready' });
