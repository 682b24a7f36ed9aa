import type { Sandbox } from './environment.js';
import { Workbench } from './workbench.js';

export interface RunWorkbenchOptions {
  sandbox: Sandbox;
  /** The commands, one per line: an array, a file's lines, or readline's async iterator. */
  lines: Iterable<string> | AsyncIterable<string>;
  write: (text: string) => void;
  /** Prints each line as `> line` before its output (scripts, where nobody typed it). */
  echo?: boolean;
  /** Called once before the first line is read and after each line (the interactive prompt). */
  ready?: (workbench: Workbench) => void;
  settleMs?: number;
}

export interface WorkbenchRun {
  /** Lines run (blank lines and comments included). */
  lines: number;
  /** 1-based numbers and texts of the lines that failed. */
  failures: Array<{ line: number; text: string }>;
  /** `quit` ended the run before the input did. */
  quit: boolean;
}

/** Runs lines through one workbench until they end or one says quit; every line runs even after a failure. */
export async function runWorkbench(options: RunWorkbenchOptions): Promise<WorkbenchRun> {
  const workbench = new Workbench({ sandbox: options.sandbox, write: options.write, ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}) });
  const run: WorkbenchRun = { lines: 0, failures: [], quit: false };
  options.ready?.(workbench);
  for await (const line of options.lines) {
    run.lines += 1;
    if (options.echo && line.trim() !== '') options.write(`> ${line}`);
    const outcome = await workbench.run(line);
    if (!outcome.ok) run.failures.push({ line: run.lines, text: line });
    if (outcome.quit) {
      run.quit = true;
      break;
    }
    options.ready?.(workbench);
  }
  return run;
}
