/**
 * The layering rules (.dependency-cruiser.cjs) must fail on the imports they forbid: each file in
 * test/fixtures/layering/src breaks one rule on purpose. `npm run deps` holds the real tree to them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: unknown[];
}

async function violationsIn(cwd: string): Promise<Violation[]> {
  const run = promisify(execFile);
  // The CLI exits non-zero when it finds violations; its JSON report is on stdout either way.
  const output = await run(process.execPath, [cli, 'src', '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: unknown) => {
      if (error !== null && typeof error === 'object' && 'stdout' in error && typeof error.stdout === 'string') return { stdout: error.stdout };
      throw error;
    },
  );
  const report: unknown = JSON.parse(output.stdout);
  if (report === null || typeof report !== 'object' || !('summary' in report)) throw new Error('dependency-cruiser gave no summary');
  const summary = report.summary;
  if (summary === null || typeof summary !== 'object' || !('violations' in summary) || !Array.isArray(summary.violations)) {
    throw new Error('dependency-cruiser gave no violations list');
  }
  return summary.violations as Violation[];
}

describe('the layering rules', () => {
  it('fail on each forbidden import of the fixture, by rule name', async () => {
    const violations = await violationsIn(path.join(root, 'test/fixtures/layering'));
    const pairs = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'gtmhub-stands-alone: src/gtmhub/client.ts → src/kpis/format.ts',
        'domain-knows-no-slack: src/kpis/format.ts → src/slack/views/kpi-card.ts',
        expect.stringMatching(/^domain-knows-no-slack: src\/kpis\/format\.ts → node_modules\/@slack\/bolt\//),
        'views-do-no-io: src/slack/views/kpi-card.ts → src/store/store.ts',
        'views-do-no-io: src/slack/views/kpi-card.ts → fs',
        'production-skips-sandbox-and-bench: src/store/store.ts → src/sandbox/simulator.ts',
      ]),
    );
    expect(violations.some((v) => v.rule.name === 'no-cycles' && v.from === 'src/a/first.ts')).toBe(true);
  });

  it('hold on the real tree: src has no violation and no cycle', async () => {
    expect(await violationsIn(root)).toEqual([]);
  });
});
