import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimFile } from './files-state.js';

/**
 * For the sandbox: writes each completed upload to `dir` as `<file id>-<name>` and tells `print`
 * where, so a person at the workbench can open the chart kpibot just sent.
 */
export function saveUploadsTo(dir: string, print: (path: string, file: SimFile) => void): (file: SimFile) => void {
  return (file) => {
    if (file.bytes === undefined) return;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${file.id}-${file.name.replace(/[^\w.-]+/g, '_')}`);
    writeFileSync(path, file.bytes);
    print(path, file);
  };
}
