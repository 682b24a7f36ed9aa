import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReadmeImages } from '../../src/sandbox/readme-images.js';

describe('README images (npm run docs:images)', () => {
  it('are committed exactly as the script draws them from the demo data', () => {
    for (const { file, image } of renderReadmeImages()) {
      const committed = readFileSync(join('docs', 'images', file));
      // If this fails, the charts changed: run `npm run docs:images` and commit docs/images/.
      expect(Buffer.compare(committed, image.png), file).toBe(0);
    }
  });
});
