/**
 * `npm run bench [-- --quick] [-- --json] [-- --only search,typeahead]`: paired benchmarks, each
 * reported as the ratio to its baseline. Exits non-zero only when a benchmark could not run, never
 * because a figure looks slow: speed is for people to read, not a gate.
 */
import { describeMachine, formatReport, type Report } from './report.js';
import { BENCHMARKS, runBenchmarks } from './run.js';
import { FULL_RUN, QUICK_RUN } from './types.js';

const USAGE = `npm run bench -- [--quick] [--json] [--only ${BENCHMARKS.map((b) => b.id).join(',')}]
  --quick   smaller sizes and fewer rounds (a CI smoke run)
  --json    print the report as JSON on stdout (progress goes to stderr)
  --only    run only these benchmarks`;

/** EX_USAGE from sysexits.h. */
const EXIT_USAGE = 64;

async function main(argv: string[]): Promise<number> {
  let quick = false;
  let json = false;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      only = (arg.includes('=') ? arg.slice('--only='.length) : (argv[++i] ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = only.filter((id) => !BENCHMARKS.some((b) => b.id === id));
      if (only.length === 0 || unknown.length > 0) {
        process.stderr.write(`--only takes benchmark ids (${BENCHMARKS.map((b) => b.id).join(', ')})${unknown.length ? `, not ${unknown.join(', ')}` : ''}.\n\n${USAGE}\n`);
        return EXIT_USAGE;
      }
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`Unknown option "${arg}".\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
  }
  // The PostgreSQL half of the benchmarks uses the test database (schemas of its own, dropped after).
  const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
  const settings = { ...(quick ? QUICK_RUN : FULL_RUN), ...(postgresUrl ? { postgresUrl } : {}) };
  const started = Date.now();
  const { results, skipped } = await runBenchmarks(settings, { ...(only ? { only } : {}), progress: (line) => void process.stderr.write(`${line}\n`) });
  const { postgresUrl: _secret, ...shown } = settings;
  const report: Report = { date: new Date(started).toISOString(), machine: describeMachine(), mode: quick ? 'quick' : 'full', settings: shown, results, skipped };
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`A benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
