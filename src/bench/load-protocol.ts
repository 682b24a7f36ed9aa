/** The IPC messages between the ack benchmark and its load generator (`load-generator.ts`), and the parent's side. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { SlashCommandInput } from '../sandbox/slack/index.js';
import { childEntry } from './child-protocol.js';
import { BenchError } from './types.js';

/** One command as the generator sends it: its response_url and trigger_id were issued by the Slack simulator. */
export interface PlannedCommand {
  text: string;
  input: Omit<SlashCommandInput, 'text'>;
}

export type LoadRequest =
  | { kind: 'side'; appUrl: string; signingSecret: string; bursts: PlannedCommand[][]; spacingMs: number }
  | { kind: 'stop' };

export type LoadAnswer = { kind: 'ready' } | { kind: 'side-done'; bursts: number[][]; failures: string[] };

export function isLoadRequest(value: unknown): value is LoadRequest {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'side' || kind === 'stop';
}

export interface LoadGenerator {
  /** Sends the bursts (each all at once, one every `spacingMs` at most) and resolves with each command's ack time, per burst. */
  side(appUrl: string, signingSecret: string, bursts: PlannedCommand[][], spacingMs: number): Promise<number[][]>;
  stop(): Promise<void>;
}

/** Starts the load generator next to the compiled benchmark (`load-generator.js`). */
export async function startLoadGenerator(compiledBenchDir?: string): Promise<LoadGenerator> {
  const entry = path.join(path.dirname(childEntry(compiledBenchDir)), 'load-generator.js');
  const child = fork(entry, [], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let exited: ((error: Error) => void) | undefined;
  child.once('exit', (code) => exited?.(new BenchError(`The load generator exited (code ${code}).`)));
  const next = (): Promise<LoadAnswer> =>
    new Promise<LoadAnswer>((resolve, reject) => {
      exited = reject;
      child.once('message', (message) => resolve(message as LoadAnswer));
    });
  await next();
  return {
    async side(appUrl, signingSecret, bursts, spacingMs) {
      const answer = next();
      child.send({ kind: 'side', appUrl, signingSecret, bursts, spacingMs } satisfies LoadRequest);
      const done = await answer;
      if (done.kind !== 'side-done') throw new BenchError('The load generator answered out of turn.');
      if (done.failures.length > 0) throw new BenchError(done.failures[0]!);
      return done.bursts;
    },
    async stop() {
      if (child.exitCode !== null) return;
      exited = undefined;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'stop' } satisfies LoadRequest);
      await gone;
    },
  };
}
