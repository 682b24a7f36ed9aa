/** `npm run sandbox -- [options]`: the command line, read by a pure function. */
export interface SandboxCliOptions {
  kpis: number;
  port: number;
  databaseUrl?: string;
  /** Run this file's lines instead of reading the terminal. */
  script?: string;
  /** Echo kpibot's log lines to stderr as they happen. */
  verbose: boolean;
  help: boolean;
}

export const SANDBOX_USAGE = `npm run sandbox -- [options]
  --kpis <n>          demo KPIs in the Gtmhub simulator (default 24)
  --port <n>          kpibot's HTTP port (default 3000; 0 = any free port)
  --database <url>    DATABASE_URL for kpibot (default SQLite at ./data/sandbox.sqlite)
  --script <file>     run the file's commands and exit (0 when every line succeeded)
  --verbose           print kpibot's log lines as they happen
  --help              this text
Without a terminal on stdin, the commands are read from stdin as a script.`;

export class SandboxUsageError extends Error {
  readonly code = 'sandbox_usage' as const;
  constructor(message: string) {
    super(`${message}\n\n${SANDBOX_USAGE}`);
    this.name = 'SandboxUsageError';
  }
}

export function parseSandboxArgs(argv: readonly string[]): SandboxCliOptions {
  const options: SandboxCliOptions = { kpis: 24, port: 3000, verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new SandboxUsageError(`${name} needs a value.`);
      return v;
    };
    const whole = (what: string, min: number, max: number): number => {
      const raw = value();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < min || n > max) throw new SandboxUsageError(`${what} must be a whole number from ${min} to ${max}, not "${raw}".`);
      return n;
    };
    switch (name) {
      case '--kpis':
        options.kpis = whole('--kpis', 0, 1_000_000);
        break;
      case '--port':
        options.port = whole('--port', 0, 65_535);
        break;
      case '--database':
        options.databaseUrl = value();
        break;
      case '--script':
        options.script = value();
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new SandboxUsageError(`Unknown option "${arg}".`);
    }
  }
  return options;
}
