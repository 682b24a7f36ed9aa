/**
 * `npm run fuzz -- --runs 10000 [--forged 1000] [--seed 42]`: a long fuzz campaign — the fuzz suite
 * of `npm test` (test/fuzz) with more requests. It prints what it found: requests sent, 5xx
 * answers, answers after 3 s, forged requests and their answers, unhandled errors in the log and
 * writes to Gtmhub, with the seed that reproduces the run. Exits non-zero when anything was found.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function positive(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not "${text}".`);
  return value;
}

const args = process.argv.slice(2);
const runs = positive(option(args, 'runs'), 'runs', 10_000);
const forged = positive(option(args, 'forged'), 'forged', Math.ceil(runs / 10));
const seed = positive(option(args, 'seed'), 'seed', Date.now() % 2_147_483_647);
// Each request takes a few milliseconds; give the campaign its time.
const timeoutMs = String(60_000 + (runs + forged) * 200);
// vitest's CLI script (its package exports no subpath for it); npm runs scripts from the project root.
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
console.info(`fuzz campaign: ${runs} fuzzed and ${forged} forged signed requests, seed ${seed}`);
const child = spawn(process.execPath, [vitest, 'run', 'test/fuzz', '--testTimeout', timeoutMs, '--hookTimeout', timeoutMs], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_FORGED: String(forged), FUZZ_SEED: String(seed) },
});
child.on('exit', (code) => {
  process.exitCode = code ?? 1;
});
