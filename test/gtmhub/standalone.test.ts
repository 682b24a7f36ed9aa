import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const GTMHUB_DIR = resolve(import.meta.dirname, '../../src/gtmhub');

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((match[1] ?? match[2])!);
  }
  return found;
}

describe('src/gtmhub stands alone', () => {
  it('imports nothing of kpibot outside src/gtmhub (only its own files and npm packages)', () => {
    const offending: string[] = [];
    for (const file of readdirSync(GTMHUB_DIR).filter((f) => f.endsWith('.ts'))) {
      for (const specifier of specifiersOf(readFileSync(join(GTMHUB_DIR, file), 'utf8'))) {
        if (specifier.startsWith('.') && !specifier.startsWith('./')) offending.push(`${file} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks (the scan is not vacuous)', () => {
    const client = readFileSync(join(GTMHUB_DIR, 'client.ts'), 'utf8');
    expect(specifiersOf(client)).toEqual(expect.arrayContaining(['undici', './assumptions.js', './transport.js']));
    expect(specifiersOf("import { x } from '../log.js';")).toEqual(['../log.js']);
  });
});
