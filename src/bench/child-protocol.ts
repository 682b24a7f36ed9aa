/** The IPC messages between a benchmark and its app under test (`child.ts`), and the parent's side. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './types.js';

export type ParentMessage = { kind: 'catalogue' } | { kind: 'watch-event-loop' } | { kind: 'measure' } | { kind: 'stop' };
export type ChildMessage =
  | { kind: 'ready'; port: number }
  | { kind: 'catalogue'; kpis: number; gtmhubUsers: string }
  | { kind: 'watching' }
  | { kind: 'measured'; rssBytes: number; heapUsedBytes: number; eventLoopP99Ms: number; eventLoopMaxMs: number };

const PARENT_KINDS = new Set(['catalogue', 'watch-event-loop', 'measure', 'stop']);
const CHILD_KINDS = new Set(['ready', 'catalogue', 'watching', 'measured']);

export function isParentMessage(value: unknown): value is ParentMessage {
  return typeof value === 'object' && value !== null && PARENT_KINDS.has(String((value as { kind?: unknown }).kind));
}

function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && CHILD_KINDS.has(String((value as { kind?: unknown }).kind));
}

/**
 * Where the compiled child is: next to this module once built (`dist/bench/child.js`). Run from
 * sources (the tests), the caller passes the directory of a compiled copy.
 */
export function childEntry(compiledBenchDir?: string): string {
  const entry = path.join(compiledBenchDir ?? path.dirname(fileURLToPath(import.meta.url)), 'child.js');
  if (!existsSync(entry)) throw new BenchError(`The benchmark's app process ${entry} is not built: run npm run bench (it builds dist/ first).`);
  return entry;
}

/** The environment a benchmark's app process starts with: both simulators, its own SQLite file, no digest heartbeat. */
export function appEnvironment(options: {
  slack: { botToken: string; apiUrl: string };
  gtmhub: { url: string; token: string; accountId: string };
  signingSecret: string;
  sqlitePath: string;
}): Record<string, string> {
  const { slack, gtmhub } = options;
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    GTMHUB_API_URL: gtmhub.url,
    GTMHUB_TOKEN: gtmhub.token,
    GTMHUB_ACCOUNT_ID: gtmhub.accountId,
    PORT: '0',
    LOG_LEVEL: 'error',
    DATABASE_URL: `file:${options.sqlitePath}`,
    KPIBOT_DIGEST_SCHEDULER: 'off',
  };
}

export interface AppProcess {
  port: number;
  pid: number;
  /** Sends `message` and resolves with the child's answer of `answer` kind. */
  ask<K extends ChildMessage['kind']>(message: ParentMessage, answer: K): Promise<Extract<ChildMessage, { kind: K }>>;
  stop(): Promise<void>;
}

/** Starts the app under test (`kpibot` or `bare-bolt`) with `env`, once it listens. */
export async function startAppProcess(kind: 'kpibot' | 'bare-bolt', env: Record<string, string>, compiledBenchDir?: string): Promise<AppProcess> {
  const child: ChildProcess = fork(childEntry(compiledBenchDir), [kind], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // KPIBOT_BENCH_PROFILE_DIR=dir: each app process writes a CPU profile there (open it in Chrome DevTools).
    execArgv: process.env.KPIBOT_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KPIBOT_BENCH_PROFILE_DIR}`] : [],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new BenchError(`The ${kind} process exited (code ${code}).`))));
  exited.catch(() => undefined);
  const next = <K extends ChildMessage['kind']>(kindWanted: K): Promise<Extract<ChildMessage, { kind: K }>> =>
    Promise.race([
      new Promise<Extract<ChildMessage, { kind: K }>>((resolve) => {
        const onMessage = (message: unknown): void => {
          if (isChildMessage(message) && message.kind === kindWanted) {
            child.off('message', onMessage);
            resolve(message as Extract<ChildMessage, { kind: K }>);
          }
        };
        child.on('message', onMessage);
      }),
      exited,
    ]);
  const ready = await next('ready');
  return {
    port: ready.port,
    pid: child.pid ?? 0,
    ask: (message, answer) => {
      const reply = next(answer);
      child.send(message);
      return reply;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
