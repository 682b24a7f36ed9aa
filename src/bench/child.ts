/**
 * A benchmark's app under test, alone in its own process so that what it measures (acks, memory)
 * is the app's and not the simulators' or the driver's: `node dist/bench/child.js kpibot` starts
 * kpibot from the environment as `npm start` does; `… bare-bolt` starts a Bolt app whose `/kpi`
 * only acks. It talks to its parent over IPC (`child-protocol.ts`).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SANDBOX_TEAM_ID } from '../sandbox/slack/defaults.js';
import bolt from '@slack/bolt';
import { readConfig } from '../config.js';
import { startKpibot, type RunningKpibot } from '../kpibot.js';
import { createLogger } from '../log.js';
import { isParentMessage, type ChildMessage } from './child-protocol.js';
import { garbageCollector } from './gc.js';

const send = (message: ChildMessage): void => void process.send?.(message);

async function startBareBolt(): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const config = readConfig();
  const app = new bolt.App({
    token: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    logLevel: bolt.LogLevel.ERROR,
    clientOptions: { slackApiUrl: config.slack.apiUrl },
    processBeforeResponse: false,
  });
  app.command('/kpi', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(config.port)) as { address(): unknown };
  const address = server.address();
  const port = typeof address === 'object' && address !== null && 'port' in address ? Number(address.port) : Number.NaN;
  return { port, stop: () => app.stop() };
}

async function main(kind: string | undefined): Promise<void> {
  const gc = garbageCollector();
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  let kpibot: RunningKpibot | undefined;
  let stop: () => Promise<unknown>;
  if (kind === 'kpibot') {
    kpibot = await startKpibot({ config: readConfig(), logger: createLogger({ level: 'error', write: (line) => void process.stderr.write(`${line}\n`) }) });
    stop = () => kpibot!.stop({ drainMs: 2_000 });
    send({ kind: 'ready', port: kpibot.port ?? Number.NaN });
  } else if (kind === 'bare-bolt') {
    const bare = await startBareBolt();
    stop = bare.stop;
    send({ kind: 'ready', port: bare.port });
  } else {
    throw new Error(`Unknown app "${kind}": kpibot or bare-bolt.`);
  }
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    void (async () => {
      switch (message.kind) {
        case 'catalogue': {
          const view = await kpibot?.deps.catalogue.get({ waitMs: Infinity });
          // The Gtmhub users are read in the background at start, like the catalogue: wait for them too.
          let people = await kpibot?.deps.people?.forTeam(SANDBOX_TEAM_ID);
          for (let i = 0; i < 600 && people !== undefined && people.gtmhubUsers === 'loading'; i += 1) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            people = await kpibot?.deps.people?.forTeam(SANDBOX_TEAM_ID);
          }
          send({ kind: 'catalogue', kpis: view?.kpis.length ?? 0, gtmhubUsers: people?.gtmhubUsers ?? 'none' });
          return;
        }
        case 'watch-event-loop':
          eventLoop.reset();
          eventLoop.enable();
          send({ kind: 'watching' });
          return;
        case 'measure': {
          eventLoop.disable();
          // Twice: the first pass may leave finalised objects for the second.
          gc?.();
          gc?.();
          const memory = process.memoryUsage();
          send({
            kind: 'measured',
            rssBytes: memory.rss,
            heapUsedBytes: memory.heapUsed,
            eventLoopP99Ms: eventLoop.count > 0 ? eventLoop.percentile(99) / 1e6 : 0,
            eventLoopMaxMs: eventLoop.count > 0 ? eventLoop.max / 1e6 : 0,
          });
          return;
        }
        case 'stop':
          await stop();
          process.exit(0);
      }
    })().catch((error: unknown) => {
      process.stderr.write(`bench child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
  });
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`bench child failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
